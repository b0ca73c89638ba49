//! Tunes the platform webview for what this app is: one local page of lists and forms, no
//! remote documents, no video or 3D. Not the window's size or content (see tauri.conf.json
//! and `ui/`).
//!
//! On Linux, WebKitGTK reads some of its choices from the environment when it starts, so
//! [`configure_environment`] must run first in `main`; the rest is set on the live webview
//! by [`tune`]. Each choice was measured with `benches/desktop.sh` (BENCHMARKS.md).

use tauri::{Manager, Runtime};

/// WebKitGTK's environment for this app; a variable the user has set already is kept, so
/// `WEBKIT_DISABLE_COMPOSITING_MODE=0` brings compositing back, e.g. to compare.
#[cfg(target_os = "linux")]
const WEBKIT_ENVIRONMENT: &[(&str, &str)] = &[
    // Accelerated compositing keeps layer backing stores and GL contexts (about 100 MB, and
    // under software GL the slowest part of painting) that a list-and-form UI has no use for.
    // Many Tauri apps on Linux set it for the llvmpipe and NVIDIA glitches it also avoids.
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    // JavaScriptCore's JIT tiers pay off for long hot loops, not for event handlers that
    // update a few DOM nodes. Its interpreter alone holds 10-40 MB less after the checklist is
    // scrolled and the views switched (no JIT code, less garbage waiting for collection), at
    // about 10 ms more per view switch; cold start measured the same (BENCHMARKS.md).
    ("JSC_useJIT", "false"),
];

/// Added while compositing is off, when the app process draws with the CPU alone and needs
/// neither GLX nor GPU buffers. WebKit still opens an EGL display there to find the GPU's
/// render node (loading Mesa and LLVM, 20 MB); naming the node in
/// `WEBKIT_WEB_RENDER_DEVICE_FILE` avoids that, but then WebKitGTK 2.50 no longer passes the
/// desktop's dark preference to the page, so it is left alone (BENCHMARKS.md).
#[cfg(target_os = "linux")]
const CPU_DRAWING_ENVIRONMENT: &[(&str, &str)] = &[
    // GDK probes GLX to pick visuals for GL widgets; the window has none.
    ("GDK_GL", "disable"),
    // The DMA-BUF renderer carries composited frames between the processes; there are none.
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
];

/// Sets [`WEBKIT_ENVIRONMENT`], and [`CPU_DRAWING_ENVIRONMENT`] while compositing stays off,
/// where the user has not. Call it first in `main`, while the process has one thread, before
/// GTK or WebKit start.
pub fn configure_environment() {
    #[cfg(target_os = "linux")]
    for (name, value) in environment_to_set(|name| std::env::var_os(name)) {
        // SAFETY: `set_var` is unsound only while another thread reads or writes the
        // environment; `main` calls this before any thread exists.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(name, value)
        };
    }
}

/// The variables [`configure_environment`] sets, given how `current` reads the environment.
#[cfg(target_os = "linux")]
fn environment_to_set(
    current: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Vec<(&'static str, &'static str)> {
    let missing = |(name, _): &&(&str, &str)| current(name).is_none();
    let mut set: Vec<_> = WEBKIT_ENVIRONMENT.iter().filter(missing).copied().collect();
    // WebKit's own reading of the variable: set and not "0" means compositing is off.
    let compositing_off = match current("WEBKIT_DISABLE_COMPOSITING_MODE") {
        Some(value) => value != "0",
        None => true,
    };
    if compositing_off {
        set.extend(CPU_DRAWING_ENVIRONMENT.iter().filter(missing).copied());
    }
    set
}

/// Applies the settings to the main window's webview, if there is one.
pub fn tune<R: Runtime>(app: &tauri::App<R>) {
    if let Some(window) = app.get_webview_window("main") {
        // A webview that cannot be reached keeps WebKit's defaults, which work, only heavier.
        let _ = window.with_webview(platform::tune);
    }
}

#[cfg(target_os = "linux")]
mod platform {
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};

    /// The document-viewer cache model: no page cache for going back and forth, and a small
    /// memory cache; the app has one page and its assets are embedded.
    pub fn tune(webview: tauri::webview::PlatformWebview) {
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    pub fn tune(_webview: tauri::webview::PlatformWebview) {}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn names(set: &[(&str, &str)]) -> Vec<String> {
        set.iter().map(|(name, _)| name.to_string()).collect()
    }

    fn reading(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn a_clean_environment_gets_compositing_off_and_no_gl_in_the_app_process() {
        let set = environment_to_set(reading(&[]));
        assert_eq!(
            set.len(),
            WEBKIT_ENVIRONMENT.len() + CPU_DRAWING_ENVIRONMENT.len()
        );
        assert!(set.contains(&("WEBKIT_DISABLE_COMPOSITING_MODE", "1")));
        assert!(set.contains(&("GDK_GL", "disable")));
    }

    #[test]
    fn compositing_turned_back_on_by_the_user_keeps_gl_available() {
        let set = environment_to_set(reading(&[("WEBKIT_DISABLE_COMPOSITING_MODE", "0")]));
        assert_eq!(names(&set), ["JSC_useJIT"]);
    }

    #[test]
    fn a_value_the_user_set_is_kept() {
        let set = environment_to_set(reading(&[
            ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
            ("GDK_GL", "gles"),
        ]));
        let names = names(&set);
        assert!(!names.iter().any(|n| n == "WEBKIT_DISABLE_COMPOSITING_MODE"));
        assert!(!names.iter().any(|n| n == "GDK_GL"));
        assert!(names.iter().any(|n| n == "WEBKIT_DISABLE_DMABUF_RENDERER"));
    }
}
