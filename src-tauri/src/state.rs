//! The shell's state: the vault (data directory) and at most one unlocked session. Every
//! operation the commands expose is a method here, so the IPC layer stays one line each.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::Datelike as _;
use coffer_ledger::{Currency, Date, Expense};
use coffer_vault::{OsEntropy, Preferences, ProfileId, RecoveryCode, Session, UnixTime, Vault};

use crate::alerts::{Delivery, Sink};
use crate::auto_lock::{self, IdleClock};
use crate::budget_ops::announce;
use crate::dto::{
    AppSnapshot, ChangePasswordRequest, CreateProfileRequest, CreatedProfile, CurrencyInfo,
    LockReason, PasswordPolicy, PrivacySettings, ProfileSummary, RecoverRequest, RecoveryCodeView,
    RegenerateRecoveryRequest, SessionInfo, SessionLocked, Theme, UnlockRequest,
};
use crate::dto::{ImportPhase, ImportProgress};
use crate::error::{AppError, ErrorCode};
use crate::file_picker::{FilePicker, FileQuestion};

/// Receives import progress; installed by `events::plugin` once the app exists.
pub(crate) type ProgressSink = Box<dyn Fn(ImportProgress) + Send + Sync>;

/// Told when the session locked by itself (auto-lock); installed by `events::plugin`.
pub(crate) type LockedSink = Box<dyn Fn(SessionLocked) + Send + Sync>;

/// How often (in rows) a running import reports progress and looks for a cancel request.
const PROGRESS_EVERY: usize = 5_000;

/// One running preview or import: reports progress and notices a cancel request.
pub(crate) struct ImportRun<'a> {
    state: &'a AppState,
    phase: ImportPhase,
}

impl ImportRun<'_> {
    /// Call once per data row: every few thousand rows it reports how far the run is and
    /// refuses with `import_cancelled` when the person asked to stop.
    pub(crate) fn row(&self, rows: usize) -> Result<(), AppError> {
        if rows.is_multiple_of(PROGRESS_EVERY) {
            self.report(rows);
            if self.state.inner.import_cancelled.load(Ordering::Relaxed) {
                return Err(AppError::new(
                    ErrorCode::ImportCancelled,
                    "The import was cancelled; nothing was written.",
                ));
            }
        }
        Ok(())
    }

    fn report(&self, rows: usize) {
        if let Some(sink) = self.state.inner.progress.get() {
            sink(ImportProgress {
                phase: self.phase,
                rows: u32::try_from(rows).unwrap_or(u32::MAX),
            });
        }
    }
}

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
    session: Mutex<Option<Unlocked>>,
    /// Where budget alerts go (the window and the desktop), once the app is running.
    alerts: OnceLock<Sink>,
    /// Where import progress goes (the window), once the app is running.
    progress: OnceLock<ProgressSink>,
    /// Set by `cancel_import`; the running preview or import stops at its next row. Outside the
    /// session lock, which the running import holds.
    import_cancelled: AtomicBool,
    /// A fixed "today" instead of the system clock's (tests of month boundaries).
    pinned_today: Option<Date>,
    /// The last input in the window and how long the session may stay unlocked without another.
    idle: Mutex<IdleClock>,
    /// A shorter auto-lock than the house rules allow (tests only, see `auto_lock::test_override`).
    auto_lock_override: Option<Duration>,
    /// Where "the session locked by itself" goes (the window), once the app is running.
    locked: OnceLock<LockedSink>,
    /// The native open and save dialogs (or a test's answers), once connected.
    file_picker: OnceLock<FilePicker>,
    /// The backup file the person chose to restore from (only ever from `file_picker`).
    chosen_backup: Mutex<Option<PathBuf>>,
    /// The fingerprint of each file's bytes at its last import preview, so a file that changed
    /// before its import is refused.
    previewed: Mutex<std::collections::HashMap<PathBuf, u64>>,
}

/// A handle on the state that does not keep it alive (held by the auto-lock thread).
pub(crate) struct WeakState(Weak<Inner>);

impl WeakState {
    /// The state, while the app still has it.
    pub(crate) fn upgrade(&self) -> Option<AppState> {
        self.0.upgrade().map(|inner| AppState { inner })
    }
}

/// An unlocked profile and what lives only as long as it stays unlocked.
pub(crate) struct Unlocked {
    /// The open, keyed ledger.
    pub(crate) session: Session,
    /// Its currency, read once at unlock.
    pub(crate) currency: Currency,
    /// Whether it locks when the window is minimised or hidden (its own choice, read at unlock).
    pub(crate) lock_when_hidden: bool,
    /// Expenses deleted in this session, newest last, so Undo can put them back. Kept in memory
    /// only (never written anywhere) and dropped on lock.
    pub(crate) deleted: Vec<Expense>,
}

impl Unlocked {
    fn info(&self) -> SessionInfo {
        SessionInfo {
            profile: ProfileSummary::from(self.session.profile()),
            currency: self.currency.into(),
            lost_last_change: self.session.lost_last_change(),
        }
    }
}

/// Locks `mutex`, usable after a panic elsewhere: every value the state guards (the session, the idle
/// clock, a chosen path, fingerprints) is replaced whole, never left half-written.
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Today in the person's local calendar (the operating system's time zone).
fn local_today() -> Date {
    let local = chrono::Local::now().date_naive();
    Date::from_ymd(local.year(), local.month(), local.day())
        .expect("the system clock is between the years 1900 and 2999")
}

/// The wall clock, read here and only here; the crates receive time as a value.
pub(crate) fn now() -> UnixTime {
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
                alerts: OnceLock::new(),
                progress: OnceLock::new(),
                import_cancelled: AtomicBool::new(false),
                pinned_today: None,
                idle: Mutex::new(IdleClock::new(
                    Instant::now(),
                    auto_lock::policy_limit(coffer_vault::Policy::default().auto_lock_minutes),
                )),
                auto_lock_override: None,
                locked: OnceLock::new(),
                file_picker: OnceLock::new(),
                chosen_backup: Mutex::new(None),
                previewed: Mutex::new(std::collections::HashMap::new()),
            }),
        }
    }

    /// The same state with auto-lock after `after` instead of the house rules' minutes, for tests
    /// (`run()` passes `auto_lock::test_override()`, which only debug builds honour). Call it before
    /// sharing the state.
    pub fn with_auto_lock_after(mut self, after: Option<Duration>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.auto_lock_override = after;
        }
        self
    }

    pub(crate) fn downgrade(&self) -> WeakState {
        WeakState(Arc::downgrade(&self.inner))
    }

    /// The same state with "today" fixed to `today` instead of read from the clock, so tests can
    /// cross month boundaries. Call it before sharing the state.
    pub fn with_today(mut self, today: Date) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.pinned_today = Some(today);
        }
        self
    }

    /// Today in the person's local calendar, read here and only here: budget months and alerts
    /// follow it.
    pub(crate) fn today(&self) -> Date {
        self.inner.pinned_today.unwrap_or_else(local_today)
    }

    pub(crate) fn vault(&self) -> Result<&Vault, AppError> {
        self.inner.vault.as_ref().map_err(Clone::clone)
    }

    fn session(&self) -> MutexGuard<'_, Option<Unlocked>> {
        // The session is either there or not: no half-written invariant.
        locked(&self.inner.session)
    }

    /// Everything the UI needs at boot.
    pub fn snapshot(&self) -> Result<AppSnapshot, AppError> {
        let vault = self.vault()?;
        let policy = vault.policy()?;
        let profiles = vault.profiles()?.iter().map(ProfileSummary::from).collect();
        let theme = vault.preferences()?.theme.into();
        let session = self.session().as_ref().map(Unlocked::info);
        Ok(AppSnapshot {
            profiles,
            policy: PasswordPolicy {
                min_length: policy.min_password_length,
            },
            members_may_create_profiles: policy.members_may_create_profiles,
            theme,
            session,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            currencies: Currency::all()
                .into_iter()
                .map(CurrencyInfo::from)
                .collect(),
        })
    }

    /// Creates a profile, migrates its new ledger, sets its currency and makes it the unlocked
    /// session.
    pub fn create_profile(
        &self,
        request: CreateProfileRequest,
    ) -> Result<CreatedProfile, AppError> {
        // Checked before anything is written, so a bad code leaves no half-made profile behind.
        let currency = parse_currency(&request.currency)?;
        let now = now();
        let vault = self.vault()?;
        let created =
            vault.create_profile(&request.name, &request.password, now, &mut OsEntropy)?;
        let mut session = created.session;
        set_up_ledger(&mut session, currency, vault.policy()?, now)?;
        Ok(CreatedProfile {
            session: self.open(session, now)?,
            recovery_code: created.recovery_code.grouped(),
        })
    }

    /// Unlocks a profile with its password, replacing any session that was open.
    pub fn unlock(&self, request: UnlockRequest) -> Result<SessionInfo, AppError> {
        let id = parse_profile_id(&request.profile_id)?;
        let now = now();
        let session = self.vault()?.unlock(&id, &request.password, now)?;
        self.open(session, now)
    }

    /// Unlocks a profile with its recovery code, giving it a new password at the same time.
    pub fn recover(&self, request: RecoverRequest) -> Result<SessionInfo, AppError> {
        let id = parse_profile_id(&request.profile_id)?;
        let code = RecoveryCode::from_typed(&request.recovery_code)?;
        let now = now();
        let session =
            self.vault()?
                .recover(&id, &code, &request.new_password, now, &mut OsEntropy)?;
        self.open(session, now)
    }

    /// Changes the unlocked profile's password; the session stays open.
    pub fn change_password(&self, request: ChangePasswordRequest) -> Result<(), AppError> {
        let id = self.with_session(|u| Ok(u.session.profile().id))?;
        self.vault()?
            .change_password(&id, &request.current, &request.new, now(), &mut OsEntropy)
            .map_err(AppError::from)
    }

    /// Gives the unlocked profile a new recovery code; the old one stops working.
    pub fn regenerate_recovery_code(
        &self,
        request: RegenerateRecoveryRequest,
    ) -> Result<RecoveryCodeView, AppError> {
        let id = self.with_session(|u| Ok(u.session.profile().id))?;
        let code = self.vault()?.regenerate_recovery_code(
            &id,
            &request.password,
            now(),
            &mut OsEntropy,
        )?;
        Ok(RecoveryCodeView {
            code: code.grouped(),
        })
    }

    pub(crate) fn open(
        &self,
        mut session: Session,
        now: UnixTime,
    ) -> Result<SessionInfo, AppError> {
        coffer_ledger::migrate(session.connection_mut(), now.0)?;
        let conn = session.connection();
        let mut unlocked = Unlocked {
            currency: coffer_ledger::currency(conn)?,
            lock_when_hidden: coffer_ledger::privacy::lock_when_hidden(conn)?,
            session,
            deleted: Vec::new(),
        };
        let limit = self.auto_lock_limit()?;
        self.idle().restart(Instant::now(), limit);
        // Thresholds reached while Coffer was closed (a new month with overspending rolled
        // over), summed up in one notification. Best effort, as after any write.
        let delivery = announce(&mut unlocked, self.today(), true).ok().flatten();
        let info = unlocked.info();
        let previous = self.session().replace(unlocked);
        if let Some(previous) = previous {
            // The new session is already in place: a failure to close the old connection
            // cleanly (its key is zeroized on drop either way) must not undo the unlock.
            let _ = previous.session.close();
        }
        self.deliver(delivery);
        Ok(info)
    }

    /// Connects budget alerts to the running app (the window and the desktop). Only the first
    /// connection counts.
    pub(crate) fn connect_alerts(&self, sink: Sink) {
        let _ = self.inner.alerts.set(sink);
    }

    /// Connects import progress to the running app's window. Only the first connection counts.
    pub(crate) fn connect_progress(&self, sink: ProgressSink) {
        let _ = self.inner.progress.set(sink);
    }

    /// Starts a preview or import run: clears an earlier cancel request and reports row 0.
    pub(crate) fn import_run(&self, phase: ImportPhase) -> ImportRun<'_> {
        self.inner.import_cancelled.store(false, Ordering::Relaxed);
        let run = ImportRun { state: self, phase };
        run.report(0);
        run
    }

    /// Asks the running preview or import to stop (it then writes nothing).
    pub fn cancel_import(&self) -> Result<(), AppError> {
        self.inner.import_cancelled.store(true, Ordering::Relaxed);
        Ok(())
    }

    fn deliver(&self, delivery: Option<Delivery>) {
        if let (Some(delivery), Some(sink)) = (delivery, self.inner.alerts.get()) {
            sink(delivery);
        }
    }

    fn idle(&self) -> MutexGuard<'_, IdleClock> {
        // The clock is two plain values, valid after any panic.
        locked(&self.inner.idle)
    }

    /// How long the session may stay unlocked without input: the house rules' minutes, unless a
    /// test shortened it.
    fn auto_lock_limit(&self) -> Result<Duration, AppError> {
        match self.inner.auto_lock_override {
            Some(after) => Ok(after),
            None => Ok(auto_lock::policy_limit(
                self.vault()?.policy()?.auto_lock_minutes,
            )),
        }
    }

    /// Applies the house rules' auto-lock minutes to the running session (after they changed).
    pub(crate) fn refresh_auto_lock(&self) -> Result<(), AppError> {
        let limit = self.auto_lock_limit()?;
        self.idle().set_limit(limit);
        Ok(())
    }

    /// The person used the window (the UI reports input at most about once a second).
    pub fn activity(&self) {
        self.idle().input(Instant::now());
    }

    /// The auto-lock watcher's tick: locks the session if it has gone without input for longer than
    /// the house rules allow at `now`, and tells the window. Returns whether it locked.
    pub fn lock_if_idle(&self, now: Instant) -> Result<bool, AppError> {
        if !self.idle().expired(now) {
            return Ok(false);
        }
        self.lock_by_itself(LockReason::Idle)
    }

    /// Locks without being asked, then tells the window why. The session is out of the state
    /// before the window hears about it, so no command can use it any more; its key is zeroized
    /// whether or not the close is clean. Returns whether there was a session to lock.
    fn lock_by_itself(&self, reason: LockReason) -> Result<bool, AppError> {
        let Some(unlocked) = self.session().take() else {
            return Ok(false);
        };
        let closed = unlocked.session.close().map_err(AppError::from);
        if let Some(sink) = self.inner.locked.get() {
            sink(SessionLocked { reason });
        }
        closed.map(|()| true)
    }

    /// Connects the open and save dialogs: the app's native ones (`run()`), or a test's answers. Only
    /// the first connection counts.
    pub fn connect_file_picker(&self, picker: FilePicker) {
        let _ = self.inner.file_picker.set(picker);
    }

    /// Asks the person for a file; `None` when they cancelled.
    pub(crate) fn pick_file(&self, question: FileQuestion) -> Result<Option<PathBuf>, AppError> {
        let picker = self.inner.file_picker.get().ok_or_else(|| {
            AppError::new(ErrorCode::Internal, "Native dialogs are not available.")
        })?;
        Ok(picker(question))
    }

    pub(crate) fn chosen_backup(&self) -> Option<PathBuf> {
        locked(&self.inner.chosen_backup).clone()
    }

    pub(crate) fn set_chosen_backup(&self, path: Option<PathBuf>) {
        *locked(&self.inner.chosen_backup) = path;
    }

    /// Remembers the fingerprint of `path`'s bytes as its import preview read them.
    pub(crate) fn remember_preview(&self, path: PathBuf, fingerprint: u64) {
        locked(&self.inner.previewed).insert(path, fingerprint);
    }

    /// The fingerprint of `path`'s bytes at its last import preview, if it had one.
    pub(crate) fn previewed_fingerprint(&self, path: &std::path::Path) -> Option<u64> {
        locked(&self.inner.previewed).get(path).copied()
    }

    /// Takes the unlocked session out of the state if it is profile `id`'s (nothing else can use it
    /// afterwards); `None` if another profile, or none, is unlocked now.
    pub(crate) fn take_session_of(&self, id: &ProfileId) -> Option<Unlocked> {
        let mut guard = self.session();
        if guard.as_ref()?.session.profile().id != *id {
            return None;
        }
        guard.take()
    }

    /// Connects "the session locked by itself" to the running app's window. Only the first
    /// connection counts.
    pub(crate) fn connect_locked(&self, sink: LockedSink) {
        let _ = self.inner.locked.set(sink);
    }

    /// The auto-lock watcher's other tick: if the unlocked profile chose to lock when the window is
    /// minimised or hidden, asks `hidden` (only then: it is a round trip to the window) and locks if
    /// so, telling the window why. Returns whether it locked.
    pub fn lock_if_hidden(&self, hidden: impl FnOnce() -> bool) -> Result<bool, AppError> {
        let wanted = self
            .session()
            .as_ref()
            .is_some_and(|unlocked| unlocked.lock_when_hidden);
        if !wanted || !hidden() {
            return Ok(false);
        }
        self.lock_by_itself(LockReason::Hidden)
    }

    /// The unlocked profile's privacy settings.
    pub fn privacy_settings(&self) -> Result<PrivacySettings, AppError> {
        let lock_when_hidden = self.with_session(|u| Ok(u.lock_when_hidden))?;
        Ok(PrivacySettings {
            lock_when_hidden,
            auto_lock_minutes: self.vault()?.policy()?.auto_lock_minutes,
        })
    }

    /// Turns locking when the window is minimised or hidden on or off for the unlocked profile.
    pub fn set_lock_when_hidden(&self, on: bool) -> Result<PrivacySettings, AppError> {
        self.with_session(|u| {
            coffer_ledger::privacy::set_lock_when_hidden(u.session.connection(), on)?;
            u.lock_when_hidden = on;
            Ok(())
        })?;
        self.privacy_settings()
    }

    /// Locks: closes the ledger and zeroizes its key. Locking twice is harmless.
    pub fn lock(&self) -> Result<(), AppError> {
        let session = self.session().take();
        match session {
            Some(unlocked) => unlocked.session.close().map_err(AppError::from),
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

    /// Runs `f` on the unlocked profile, or refuses with [`ErrorCode::Locked`]. Every data
    /// command goes through here.
    pub(crate) fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Unlocked) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.session();
        let unlocked = guard.as_mut().ok_or_else(AppError::locked)?;
        f(unlocked)
    }

    /// Refuses with [`ErrorCode::Locked`] unless a profile is unlocked.
    pub(crate) fn require_unlocked(&self) -> Result<(), AppError> {
        self.with_session(|_| Ok(()))
    }

    /// Runs a change `f` on the unlocked profile like [`AppState::with_session`], then announces
    /// any budget threshold the change made spending reach in today's month.
    ///
    /// The change is committed before the evaluation: if the evaluation fails it records
    /// nothing, so the next change or unlock simply finds the same thresholds again, and the
    /// change is not reported as failed.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut Unlocked) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let today = self.today();
        let (value, delivery) = self.with_session(|u| {
            let value = f(u)?;
            Ok((value, announce(u, today, false).ok().flatten()))
        })?;
        self.deliver(delivery);
        Ok(value)
    }
}

pub(crate) fn parse_profile_id(text: &str) -> Result<ProfileId, AppError> {
    text.parse()
        .map_err(|_| AppError::new(ErrorCode::InvalidRequest, "That is not a valid profile id."))
}

/// The currency with ISO 4217 `code`, or `invalid_currency`.
pub(crate) fn parse_currency(code: &str) -> Result<Currency, AppError> {
    Currency::from_code(code).ok_or_else(|| {
        AppError::new(
            ErrorCode::InvalidCurrency,
            format!(
                "“{}” is not a currency Coffer knows. Pick one from the list.",
                code.chars().take(10).collect::<String>()
            ),
        )
    })
}

/// Builds a new profile's ledger: the schema, its currency, and desktop notifications as the house
/// rules say new profiles start.
pub(crate) fn set_up_ledger(
    session: &mut Session,
    currency: Currency,
    policy: coffer_vault::Policy,
    now: UnixTime,
) -> Result<(), AppError> {
    let conn = session.connection_mut();
    coffer_ledger::migrate(conn, now.0)?;
    coffer_ledger::set_currency(conn, currency)?;
    let mut settings = coffer_ledger::alert::settings(conn)?;
    if settings.os_notifications != policy.notifications_by_default {
        settings.os_notifications = policy.notifications_by_default;
        coffer_ledger::alert::set_settings(conn, &settings)?;
    }
    Ok(())
}
