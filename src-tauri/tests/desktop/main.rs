//! Tests of the desktop shell without a window: the command layer on the mock runtime and the
//! generated TypeScript bindings. One binary, so Tauri is linked once.

// Tests may panic on their own setup; that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod agenda;
mod bindings;
mod bundle;
mod commands;
mod counts;
mod export;
mod own_tasks;
mod people;
mod probes;
mod readiness;
mod report;
mod startup;
mod support;
// The library tests' RFC 3161 authority on loopback (openssl ts behind a tiny HTTP server).
#[path = "../../../tests/report/tsa.rs"]
mod tsa;
