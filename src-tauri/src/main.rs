//! The `golive-desktop` binary: starts the shell; a database that cannot open ends it with a
//! message that says why.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    golive_desktop::webview::configure_environment();
    match golive_desktop::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("golive-desktop: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
