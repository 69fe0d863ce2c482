//! The IPC commands: one line of glue each. Anything slow (Argon2id, SQLite) runs on a
//! blocking thread so the window keeps painting while a profile unlocks.

use tauri::State;

use crate::dto::{
    AppSnapshot, CreateProfileRequest, HomeOverview, SessionInfo, Theme, UnlockRequest,
};
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;

/// Runs `f` against the state on Tauri's blocking thread pool.
async fn blocking<T: Send + 'static>(
    state: State<'_, AppState>,
    f: impl FnOnce(&AppState) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || f(&state))
        .await
        .map_err(|err| {
            AppError::new(
                ErrorCode::Internal,
                format!("A background task failed: {err}"),
            )
        })?
}

/// Profiles, policy, theme and session, for the UI to boot.
#[tauri::command]
pub async fn app_snapshot(state: State<'_, AppState>) -> Result<AppSnapshot, AppError> {
    blocking(state, AppState::snapshot).await
}

/// Creates a profile and unlocks it.
#[tauri::command]
pub async fn create_profile(
    state: State<'_, AppState>,
    request: CreateProfileRequest,
) -> Result<SessionInfo, AppError> {
    blocking(state, move |s| s.create_profile(request)).await
}

/// Unlocks a profile.
#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> Result<SessionInfo, AppError> {
    blocking(state, move |s| s.unlock(request)).await
}

/// Locks the unlocked profile, if any.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<(), AppError> {
    blocking(state, AppState::lock).await
}

/// Remembers the appearance.
#[tauri::command]
pub async fn set_theme(state: State<'_, AppState>, theme: Theme) -> Result<(), AppError> {
    blocking(state, move |s| s.set_theme(theme)).await
}

/// The home screen's figures; refused while locked.
#[tauri::command]
pub async fn home_overview(state: State<'_, AppState>) -> Result<HomeOverview, AppError> {
    blocking(state, AppState::home_overview).await
}
