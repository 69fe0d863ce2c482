//! Auto-lock: remembers when the person last used the window and, once the house rules' idle minutes
//! pass without input (or, if the profile chose so, once the window is minimised or hidden), locks
//! the session from a background thread. The clock and the window are passed in, so tests drive them
//! without waiting.

use std::time::{Duration, Instant};

use crate::state::AppState;

/// How often the watcher looks at the clock: the lock comes at most this late.
const TICK: Duration = Duration::from_secs(1);

/// The environment variable that shortens auto-lock to a number of seconds, honoured by debug builds
/// only, so that end-to-end tests need not wait a whole minute (the house rules' shortest). A release
/// build ignores it: nobody can lengthen or shorten a profile's auto-lock from outside.
pub const TEST_OVERRIDE_VAR: &str = "COFFER_TEST_AUTO_LOCK_SECONDS";

/// The last input and how long the session may stay unlocked without another.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdleClock {
    last_input: Instant,
    limit: Duration,
}

impl IdleClock {
    /// A clock that starts counting at `now`.
    pub(crate) fn new(now: Instant, limit: Duration) -> Self {
        Self {
            last_input: now,
            limit,
        }
    }

    /// The person used the window at `now` (an older report changes nothing).
    pub(crate) fn input(&mut self, now: Instant) {
        self.last_input = self.last_input.max(now);
    }

    /// Starts counting again from `now`, with a (possibly new) `limit`: at unlock.
    pub(crate) fn restart(&mut self, now: Instant, limit: Duration) {
        *self = Self::new(now, limit);
    }

    /// Applies a new limit without forgetting the last input (the house rules changed).
    pub(crate) fn set_limit(&mut self, limit: Duration) {
        self.limit = limit;
    }

    /// Whether `limit` has passed since the last input.
    pub(crate) fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_input) >= self.limit
    }
}

/// The idle time the house rules allow, from their minutes.
pub(crate) fn policy_limit(minutes: u16) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

/// The test override (see [`TEST_OVERRIDE_VAR`]): `Some` only in a debug build with the variable set to
/// a whole number of seconds from 1 to 3600.
pub fn test_override() -> Option<Duration> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var(TEST_OVERRIDE_VAR)
        .ok()?
        .parse::<u64>()
        .ok()
        .filter(|s| (1..=3600).contains(s))
        .map(Duration::from_secs)
}

/// Starts the thread that locks an idle session, and the session of a profile that chose to lock
/// while the window is out of sight (`out_of_sight` asks the window). It holds only a weak handle on
/// the state and ends once the state is gone.
pub(crate) fn watch(state: &AppState, out_of_sight: impl Fn() -> bool + Send + 'static) {
    let weak = state.downgrade();
    let spawned = std::thread::Builder::new()
        .name("coffer-auto-lock".into())
        .spawn(move || {
            loop {
                std::thread::sleep(TICK);
                let Some(state) = weak.upgrade() else { break };
                let ticked = state
                    .lock_if_idle(Instant::now())
                    .and_then(|_| state.lock_if_hidden(&out_of_sight));
                if let Err(err) = ticked {
                    // The session is gone either way (its key was zeroized on drop); only a clean
                    // close failed. Nothing secret is in the message.
                    eprintln!("auto-lock: {}", err.message);
                }
            }
        });
    if let Err(err) = spawned {
        eprintln!("Coffer could not start auto-lock: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_only_after_the_limit_without_input() {
        let start = Instant::now();
        let mut clock = IdleClock::new(start, Duration::from_secs(300));
        assert!(!clock.expired(start + Duration::from_secs(299)));
        clock.input(start + Duration::from_secs(200));
        assert!(!clock.expired(start + Duration::from_secs(499)));
        assert!(clock.expired(start + Duration::from_secs(500)));
        // A late report of older input does not turn the clock back.
        clock.input(start + Duration::from_secs(10));
        assert!(clock.expired(start + Duration::from_secs(500)));
        clock.set_limit(Duration::from_secs(600));
        assert!(!clock.expired(start + Duration::from_secs(500)));
        clock.restart(start + Duration::from_secs(1000), Duration::from_secs(60));
        assert!(!clock.expired(start + Duration::from_secs(1059)));
        assert!(clock.expired(start + Duration::from_secs(1060)));
    }

    #[test]
    fn policy_minutes_become_seconds() {
        assert_eq!(policy_limit(5), Duration::from_secs(300));
        assert_eq!(policy_limit(240), Duration::from_secs(14_400));
    }
}
