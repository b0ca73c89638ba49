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
    // JavaScriptCore's optimizing tiers (DFG, and FTL above it) pay off for long hot loops,
    // not for event handlers that update a few DOM nodes; without them the page holds
    // about 8 MB less. The baseline JIT stays.
    ("JSC_useDFGJIT", "false"),
];

/// Sets [`WEBKIT_ENVIRONMENT`] where the user has not. Call it first in `main`, while the
/// process has one thread, before GTK or WebKit start.
pub fn configure_environment() {
    #[cfg(target_os = "linux")]
    for (name, value) in WEBKIT_ENVIRONMENT {
        if std::env::var_os(name).is_none() {
            // SAFETY: `set_var` is unsound only while another thread reads or writes the
            // environment; `main` calls this before any thread exists.
            #[allow(unsafe_code)]
            unsafe {
                std::env::set_var(name, value)
            };
        }
    }
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
