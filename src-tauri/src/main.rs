//! The `golive-desktop` binary: parses `--db` and hands over to the shell in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    golive_desktop::run();
}
