//! The app's outgoing events, connected once the app exists: budget alerts (to the window and
//! the desktop, see `alerts.rs`), import progress and auto-lock (to the window). A plugin with no
//! commands, so the state can send events without knowing the runtime. It also starts the auto-lock
//! watcher, which needs somewhere to report to.

use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::{AppHandle, Emitter as _, Manager as _, Runtime};

use crate::state::AppState;
use crate::{alerts, auto_lock};

/// The event that reports a running import's progress.
pub const IMPORT_PROGRESS: &str = "import-progress";

/// The event that says the session locked by itself, with a `SessionLocked` payload (why).
pub const SESSION_LOCKED: &str = "session-locked";

/// Connects the state's outgoing events to this app at startup.
pub(crate) fn plugin<R: Runtime>() -> TauriPlugin<R> {
    PluginBuilder::new("coffer-events")
        .setup(|app, _api| {
            let state = app.state::<AppState>();
            let handle = app.clone();
            state.connect_alerts(Box::new(move |delivery| alerts::deliver(&handle, delivery)));
            let handle = app.clone();
            state.connect_progress(Box::new(move |progress| {
                // Best effort: a missed progress event only delays the bar.
                let _ = handle.emit(IMPORT_PROGRESS, progress);
            }));
            let handle = app.clone();
            state.connect_locked(Box::new(move |locked| {
                // Best effort: a window that missed it finds itself locked at its next call.
                let _ = handle.emit(SESSION_LOCKED, locked);
            }));
            let handle = app.clone();
            auto_lock::watch(&state, move || window_out_of_sight(&handle));
            Ok(())
        })
        .build()
}

/// Whether the main window is minimised or hidden (say, closed to a tray), asked of the window
/// itself: tao tracks this on every platform, whereas the webview's page visibility stays
/// "visible" for a minimised window on Linux. A window that cannot answer counts as in sight.
fn window_out_of_sight<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window("main").is_some_and(|window| {
        window.is_minimized().unwrap_or(false) || !window.is_visible().unwrap_or(true)
    })
}
