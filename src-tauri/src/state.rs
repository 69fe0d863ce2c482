//! The shell's state: the vault (data directory) and at most one unlocked session. Every
//! operation the commands expose is a method here, so the IPC layer stays one line each.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use coffer_vault::{OsEntropy, Preferences, ProfileId, Session, UnixTime, Vault};

use crate::dto::{
    AppSnapshot, CreateProfileRequest, HomeOverview, PasswordPolicy, ProfileSummary, SessionInfo,
    Theme, UnlockRequest,
};
use crate::error::{AppError, ErrorCode};

/// Shared, cheaply clonable handle on the shell's state.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    /// The data directory, or why it could not be opened (reported by every command, so the
    /// picker can show it instead of a blank window).
    vault: Result<Vault, AppError>,
    /// The unlocked profile. Dropping it closes the connection and zeroizes its key.
    session: Mutex<Option<Session>>,
}

/// The wall clock, read here and only here; the crates receive time as a value.
fn now() -> UnixTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UnixTime(i64::try_from(secs).unwrap_or(i64::MAX))
}

impl AppState {
    /// State over the data directory `dir` (or the reason there is none).
    pub fn new(dir: Result<PathBuf, String>) -> Self {
        let vault = dir
            .map_err(|reason| AppError::new(ErrorCode::DataDir, reason))
            .and_then(|dir| Vault::open(&dir).map_err(AppError::from));
        Self::from_vault(vault)
    }

    /// State over an already opened vault (tests choose cheaper KDF parameters this way).
    pub fn from_vault(vault: Result<Vault, AppError>) -> Self {
        Self {
            inner: Arc::new(Inner {
                vault,
                session: Mutex::new(None),
            }),
        }
    }

    fn vault(&self) -> Result<&Vault, AppError> {
        self.inner.vault.as_ref().map_err(Clone::clone)
    }

    fn session(&self) -> MutexGuard<'_, Option<Session>> {
        // A panic while holding the lock leaves no half-written invariant behind (the
        // session is either there or not), so a poisoned lock is still usable.
        self.inner
            .session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Everything the UI needs at boot.
    pub fn snapshot(&self) -> Result<AppSnapshot, AppError> {
        let vault = self.vault()?;
        let policy = vault.policy()?;
        let profiles = vault.profiles()?.iter().map(ProfileSummary::from).collect();
        let theme = vault.preferences()?.theme.into();
        let session = self.session().as_ref().map(|s| SessionInfo {
            profile: ProfileSummary::from(s.profile()),
        });
        Ok(AppSnapshot {
            profiles,
            policy: PasswordPolicy {
                min_length: policy.min_password_length,
            },
            theme,
            session,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        })
    }

    /// Creates a profile, migrates its new ledger and makes it the unlocked session.
    pub fn create_profile(&self, request: CreateProfileRequest) -> Result<SessionInfo, AppError> {
        let now = now();
        let session =
            self.vault()?
                .create_profile(&request.name, &request.password, now, &mut OsEntropy)?;
        self.open(session, now)
    }

    /// Unlocks a profile with its password, replacing any session that was open.
    pub fn unlock(&self, request: UnlockRequest) -> Result<SessionInfo, AppError> {
        let id: ProfileId = request.profile_id.parse().map_err(|_| {
            AppError::new(ErrorCode::InvalidRequest, "That is not a valid profile id.")
        })?;
        let now = now();
        let session = self.vault()?.unlock(&id, &request.password, now)?;
        self.open(session, now)
    }

    fn open(&self, mut session: Session, now: UnixTime) -> Result<SessionInfo, AppError> {
        coffer_ledger::migrate(session.connection_mut(), now.0)?;
        let info = SessionInfo {
            profile: ProfileSummary::from(session.profile()),
        };
        let previous = self.session().replace(session);
        if let Some(previous) = previous {
            // The new session is already in place: a failure to close the old connection
            // cleanly (its key is zeroized on drop either way) must not undo the unlock.
            let _ = previous.close();
        }
        Ok(info)
    }

    /// Locks: closes the ledger and zeroizes its key. Locking twice is harmless.
    pub fn lock(&self) -> Result<(), AppError> {
        let session = self.session().take();
        match session {
            Some(session) => session.close().map_err(AppError::from),
            None => Ok(()),
        }
    }

    /// Remembers the appearance.
    pub fn set_theme(&self, theme: Theme) -> Result<(), AppError> {
        let vault = self.vault()?;
        let mut prefs: Preferences = vault.preferences()?;
        prefs.theme = theme.into();
        vault.set_preferences(&prefs).map_err(AppError::from)
    }

    /// Runs `f` on the unlocked session, or refuses with [`ErrorCode::Locked`].
    fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.session();
        let session = guard.as_mut().ok_or_else(AppError::locked)?;
        f(session)
    }

    /// The home screen's figures, read from the unlocked ledger.
    pub fn home_overview(&self) -> Result<HomeOverview, AppError> {
        self.with_session(|session| {
            let overview = coffer_ledger::overview(session.connection())?;
            Ok(HomeOverview {
                profile_name: session.profile().name.clone(),
                created_at: overview.created_at,
                schema_version: overview.schema_version,
            })
        })
    }
}
