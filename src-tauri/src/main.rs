//! The Coffer executable: everything lives in the `coffer_shell` library so that tests can
//! build the same app on Tauri's mock runtime.

// Keep Windows release builds from opening a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    coffer_shell::run();
}
