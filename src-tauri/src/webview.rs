//! Tunes the platform webview for what this app is: one local page, no remote documents.
//! Not the window's size or content (see tauri.conf.json and `ui/`).
//!
//! On Linux, WebKitGTK's accelerated compositing keeps layer backing stores that cost about
//! 100 MB per window (measured with benches/desktop.sh) and give a list-and-form UI nothing
//! it needs, and its default cache model keeps a page cache for browsing back and forth.

use tauri::{Manager, Runtime};

/// Applies the settings to the main window's webview, if there is one.
pub fn tune<R: Runtime>(app: &tauri::App<R>) {
    if let Some(window) = app.get_webview_window("main") {
        // A webview that cannot be reached keeps WebKit's defaults, which work, only heavier.
        let _ = window.with_webview(platform::tune);
    }
}

#[cfg(target_os = "linux")]
mod platform {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };

    pub fn tune(webview: tauri::webview::PlatformWebview) {
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    pub fn tune(_webview: tauri::webview::PlatformWebview) {}
}
