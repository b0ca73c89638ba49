//! The desktop shell: wires the Tauri window, plugins and commands to `golive`.
pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| eprintln!("golive-desktop: {e}"));
}
