//! The profile's own privacy choices, kept inside its encrypted ledger so that nobody else on the computer
//! can read or change them: whether Coffer locks the profile as soon as its window is minimised or hidden.

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::{meta, set_meta};

const LOCK_WHEN_HIDDEN: &str = "lock_when_hidden";

/// Whether the profile locks as soon as Coffer's window is minimised or hidden. Off until the person
/// turns it on (ledgers from before this setting read as off).
pub fn lock_when_hidden(conn: &Connection) -> Result<bool> {
    match meta(conn, LOCK_WHEN_HIDDEN)?.as_deref() {
        None | Some("0") => Ok(false),
        Some("1") => Ok(true),
        Some(_) => Err(Error::Damaged {
            reason: "its lock-when-hidden setting cannot be read".into(),
        }),
    }
}

/// Turns locking when the window is minimised or hidden on or off.
pub fn set_lock_when_hidden(conn: &Connection, on: bool) -> Result<()> {
    set_meta(conn, LOCK_WHEN_HIDDEN, if on { "1" } else { "0" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ledger;

    #[test]
    fn off_until_turned_on_and_remembered() {
        let conn = ledger();
        assert!(!lock_when_hidden(&conn).expect("read"));
        set_lock_when_hidden(&conn, true).expect("write");
        assert!(lock_when_hidden(&conn).expect("read"));
        set_lock_when_hidden(&conn, false).expect("write");
        assert!(!lock_when_hidden(&conn).expect("read"));
    }

    #[test]
    fn an_unreadable_value_is_damage_not_a_guess() {
        let conn = ledger();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('lock_when_hidden', 'yes')",
            [],
        )
        .expect("insert");
        assert!(matches!(
            lock_when_hidden(&conn),
            Err(Error::Damaged { .. })
        ));
    }
}
