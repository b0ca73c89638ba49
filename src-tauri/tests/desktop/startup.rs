//! The real binary's start-up where no window can open: a message and a failed exit, not a
//! panic from the windowing library (regression: tao panicked with "Failed to initialize gtk
//! backend!" when DISPLAY was unset).

use std::process::Command;

#[cfg(target_os = "linux")]
#[test]
fn without_a_display_the_app_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_golive-desktop"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("GOLIVE_DB", dir.path().join("golive.db"))
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("there is no display to open the window on"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
