//! The desktop shell of GoLive Planner: the Tauri window, its plugins and the commands the
//! Svelte UI (`ui/`) calls. It manages one `golive::ops::Workspace` and translates between
//! the UI and its operations; planning rules, storage, probe runs, reports and the words
//! for the vocabulary live in the library, not here.

pub mod commands;
pub mod dto;
pub mod webview;

use std::ffi::OsString;
use std::path::PathBuf;

use golive::ops::Workspace;
use tauri::Runtime;

/// The database named by `--db PATH` / `--db=PATH`, if given.
pub fn db_arg(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// Adds the app's state (the one workspace) and commands to `builder` (no window, no
/// platform plugins); the command-layer test does the same on the mock runtime.
pub fn with_commands<R: Runtime>(
    builder: tauri::Builder<R>,
    workspace: Workspace,
) -> tauri::Builder<R> {
    builder.manage(workspace).invoke_handler(handler!())
}

/// Opens the database (`--db`, else `GOLIVE_DB`, else the platform default) and runs the app.
pub fn run() -> Result<(), String> {
    open_display()?;
    let opened = match db_arg(std::env::args_os().skip(1)) {
        Some(path) => Workspace::open(&path),
        None => Workspace::open_default(),
    };
    let workspace = opened.map_err(|e| format!("could not open the database: {e}"))?;
    with_commands(tauri::Builder::default(), workspace)
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            webview::tune(app);
            Ok(())
        })
        .run(tauri::generate_context!())
        .map_err(|e| format!("the window could not start: {e}"))
}

/// Opens the window system's display before anything else, so a session without one (an SSH
/// login, a CI shell) gets a message that says what to do, not a panic inside the windowing
/// library.
#[cfg(target_os = "linux")]
fn open_display() -> Result<(), String> {
    gtk::init().map_err(|_| {
        "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY leads \
         to one); start it from a desktop session, or use the `golive` command line"
            .to_string()
    })
}

#[cfg(not(target_os = "linux"))]
fn open_display() -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_argument_in_both_forms() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            db_arg(args(&["--db", "/tmp/a.db"])),
            Some("/tmp/a.db".into())
        );
        assert_eq!(
            db_arg(args(&["x", "--db=/tmp/b.db"])),
            Some("/tmp/b.db".into())
        );
        assert_eq!(db_arg(args(&["--other"])), None);
    }
}
