//! Tests of the desktop shell without a window: the command layer on the mock runtime and the
//! generated TypeScript bindings. One binary, so Tauri is linked once.

mod bindings;
mod commands;
mod probes;
mod report;
