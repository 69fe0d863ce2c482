//! The delay after repeated wrong passwords or recovery codes: the first few mistakes cost nothing,
//! then each further one doubles the wait, up to an hour. The count and the time of the last mistake
//! live in the registry, so restarting Coffer does not reset them. This slows guessing through the app
//! only: someone with a copy of the files is slowed by Argon2id alone.

use crate::types::UnixTime;

/// Wrong attempts in a row that cost no wait.
pub const FREE_ATTEMPTS: u32 = 4;
/// The wait after the first attempt beyond the free ones, in seconds.
pub const FIRST_DELAY_SECONDS: u64 = 30;
/// The longest wait, in seconds.
pub const MAX_DELAY_SECONDS: u64 = 60 * 60;

/// How long to wait after `failures` wrong attempts in a row: 0 for up to [`FREE_ATTEMPTS`], then
/// 30 s, 60 s, 120 s… capped at [`MAX_DELAY_SECONDS`].
pub fn delay_seconds(failures: u32) -> u64 {
    let Some(beyond) = failures.checked_sub(FREE_ATTEMPTS + 1) else {
        return 0;
    };
    FIRST_DELAY_SECONDS
        .checked_shl(beyond.min(32))
        .unwrap_or(MAX_DELAY_SECONDS)
        .min(MAX_DELAY_SECONDS)
}

/// Until when unlocking waits after `failures` wrong attempts, the last at `last_failed_at`;
/// `None` when it need not wait (or the time of the last mistake is unknown).
pub fn locked_until(failures: u32, last_failed_at: Option<UnixTime>) -> Option<UnixTime> {
    let delay = i64::try_from(delay_seconds(failures)).unwrap_or(i64::MAX);
    (delay > 0)
        .then_some(last_failed_at?)
        .map(|last| UnixTime(last.0.saturating_add(delay)))
}

/// A wait in words: "30 seconds", "1 minute", "2 minutes 5 seconds", "1 hour".
pub(crate) fn wait_words(seconds: u64) -> String {
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    let (hours, minutes, secs) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let parts: Vec<String> = [(hours, "hour"), (minutes, "minute"), (secs, "second")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| plural(n, unit))
        .collect();
    if parts.is_empty() {
        "a moment".into()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_after_the_free_attempts_doubles_and_is_capped() {
        let waits: Vec<u64> = (0..=14).map(delay_seconds).collect();
        assert_eq!(
            waits,
            [
                0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600
            ]
        );
        assert_eq!(delay_seconds(u32::MAX), MAX_DELAY_SECONDS);
    }

    #[test]
    fn the_wait_runs_from_the_last_mistake() {
        assert_eq!(locked_until(4, Some(UnixTime(1000))), None);
        assert_eq!(locked_until(5, Some(UnixTime(1000))), Some(UnixTime(1030)));
        assert_eq!(locked_until(7, Some(UnixTime(1000))), Some(UnixTime(1120)));
        assert_eq!(locked_until(9, None), None, "no time recorded: no wait");
    }

    #[test]
    fn waits_read_as_words() {
        assert_eq!(wait_words(30), "30 seconds");
        assert_eq!(wait_words(60), "1 minute");
        assert_eq!(wait_words(125), "2 minutes 5 seconds");
        assert_eq!(wait_words(3600), "1 hour");
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(0), "a moment");
    }
}
