//! Generates the Tauri context and one `allow-<command>` permission per app command, so the
//! capability can grant exactly the commands the UI uses (see commands::COMMANDS).

const COMMANDS: &[&str] = &include!("src/commands/names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}
