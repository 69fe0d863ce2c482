//! The app's outgoing events, connected once the app exists: budget alerts (to the window and
//! the desktop, see `alerts.rs`) and import progress (to the window). A plugin with no commands,
//! so the state can send events without knowing the runtime.

use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::{Emitter as _, Manager as _, Runtime};

use crate::alerts;
use crate::state::AppState;

/// The event that reports a running import's progress.
pub const IMPORT_PROGRESS: &str = "import-progress";

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
            Ok(())
        })
        .build()
}
