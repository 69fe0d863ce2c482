//! The intent log: a plain file outside the data directory in which the worker writes, fsynced, what it
//! is about to commit and that it did commit, so that the parent knows after a kill what must be in the
//! profile, what must not, and which single operation may have gone either way.
//!
//! One JSON object per line. `start` is written (and fsynced) before an operation touches anything,
//! `done` after it returned. After a kill the parent finds at most one operation with a `start` and no
//! `done` (the one in flight), looks at the profile to see whether it took effect, checks that it took
//! effect entirely or not at all, and writes a `resolved` line, so that the log again describes the
//! profile exactly. A last line without its newline was cut by the kill: it never counted (the worker
//! only goes on once a line is written) and is removed.
//!
//! Passwords and the recovery code are written here in clear: this is a test harness with throw-away
//! profiles.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One operation of the workload, as logged before it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Op {
    /// An import of `rows` expenses as one batch named `source`.
    Import {
        /// The batch's file name, unique per import.
        source: String,
        /// How many expenses it adds.
        rows: u64,
    },
    /// "Undo import" of a committed batch.
    Undo {
        /// The batch's id.
        batch: i64,
        /// Its file name.
        source: String,
    },
    /// A hand-entered expense whose description is `tag`.
    Add {
        /// The description ("hand <seq>"), how the expense is found again.
        tag: String,
        /// Its amount in minor units.
        amount: i64,
    },
    /// A new amount for an existing expense.
    Edit {
        /// The expense.
        id: i64,
        /// Its amount before.
        was: i64,
        /// Its new amount.
        amount: i64,
    },
    /// Deleting a hand-entered expense.
    Delete {
        /// The expense.
        id: i64,
    },
    /// The overall budget from the budget month on.
    Budget {
        /// Its new amount.
        amount: i64,
    },
    /// Renaming the harness's own category.
    Rename {
        /// The category.
        category: i64,
        /// Its new name.
        name: String,
    },
    /// Changing the profile's password (the registry is rewritten).
    Password {
        /// The new password.
        new: String,
    },
    /// Changing the house rules (the registry is rewritten).
    Policy {
        /// The new auto-lock minutes.
        auto_lock_minutes: u16,
    },
    /// Changing the app-wide theme (preferences.json is rewritten).
    Theme {
        /// `system`, `light` or `dark`.
        theme: String,
    },
}

/// Where a kill can land, by the operation in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// An import transaction.
    Import,
    /// An "undo import" transaction.
    Undo,
    /// A small ledger write: add, edit, delete, budget, rename.
    SmallWrite,
    /// A registry rewrite: password change or house rules.
    Registry,
    /// A rewrite of preferences.json.
    Preferences,
    /// No operation in flight: starting, unlocking, or between two operations.
    Between,
}

impl Phase {
    /// Every phase, in report order.
    pub const ALL: [Phase; 6] = [
        Phase::Import,
        Phase::Undo,
        Phase::SmallWrite,
        Phase::Registry,
        Phase::Preferences,
        Phase::Between,
    ];

    /// The phase's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Import => "import",
            Phase::Undo => "undo_import",
            Phase::SmallWrite => "small_write",
            Phase::Registry => "registry_rewrite",
            Phase::Preferences => "preferences_rewrite",
            Phase::Between => "between_operations",
        }
    }
}

impl Op {
    /// The phase a kill during this operation lands in.
    pub fn phase(&self) -> Phase {
        match self {
            Op::Import { .. } => Phase::Import,
            Op::Undo { .. } => Phase::Undo,
            Op::Add { .. }
            | Op::Edit { .. }
            | Op::Delete { .. }
            | Op::Budget { .. }
            | Op::Rename { .. } => Phase::SmallWrite,
            Op::Password { .. } | Op::Policy { .. } => Phase::Registry,
            Op::Theme { .. } => Phase::Preferences,
        }
    }

    /// A short name of the operation's kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Op::Import { .. } => "import",
            Op::Undo { .. } => "undo",
            Op::Add { .. } => "add",
            Op::Edit { .. } => "edit",
            Op::Delete { .. } => "delete",
            Op::Budget { .. } => "budget",
            Op::Rename { .. } => "rename",
            Op::Password { .. } => "password",
            Op::Policy { .. } => "policy",
            Op::Theme { .. } => "theme",
        }
    }
}

/// What an operation produced that the model needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing beyond "it happened".
    Nothing,
    /// An import's batch and the id range of its expenses.
    Batch {
        /// The batch id.
        id: i64,
        /// Its first expense id.
        first: i64,
        /// Its last expense id.
        last: i64,
    },
    /// A new expense's id.
    Expense {
        /// The id.
        id: i64,
    },
}

/// The first line of every log: the profile the harness made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// The profile id.
    pub profile: String,
    /// Its password at creation.
    pub password: String,
    /// Its recovery code (grouped).
    pub recovery_code: String,
    /// The harness's own category (renamed by [`Op::Rename`]).
    pub category: i64,
    /// That category's name at creation.
    pub category_name: String,
    /// The house rules' auto-lock minutes at creation.
    pub auto_lock_minutes: u16,
    /// The theme at creation.
    pub theme: String,
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The harness's profile.
    Setup(Setup),
    /// Operation `seq` is about to start.
    Start {
        /// Its sequence number.
        seq: u64,
        /// What it does.
        op: Op,
    },
    /// Operation `seq` returned.
    Done {
        /// Its sequence number.
        seq: u64,
        /// What it produced.
        outcome: Outcome,
    },
    /// Operation `seq` was in flight at a kill; the parent found it `applied` (or not).
    Resolved {
        /// Its sequence number.
        seq: u64,
        /// Whether it took effect.
        applied: bool,
        /// What it produced, if it took effect.
        outcome: Outcome,
    },
}

/// A committed import, as the model knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRecord {
    /// Its file name.
    pub source: String,
    /// How many expenses it added.
    pub rows: u64,
    /// The batch id.
    pub id: i64,
    /// The first expense id.
    pub first: i64,
    /// The last expense id.
    pub last: i64,
}

/// What the profile must hold, according to the log.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The profile's setup.
    pub setup: Option<Setup>,
    /// The current password.
    pub password: String,
    /// The password before the last change (for messages).
    pub previous_password: Option<String>,
    /// Committed imports still present, by batch id.
    pub batches: BTreeMap<i64, BatchRecord>,
    /// Imports committed and then undone: their id ranges must stay empty.
    pub undone: Vec<BatchRecord>,
    /// Hand-entered expenses still present: id → amount.
    pub hand: BTreeMap<i64, i64>,
    /// Imported expenses whose amount was edited: id → amount.
    pub edited: BTreeMap<i64, i64>,
    /// Hand-entered expenses deleted.
    pub deleted: BTreeSet<i64>,
    /// The overall budget from the budget month on, once set.
    pub budget: Option<i64>,
    /// The harness category's name.
    pub category_name: String,
    /// The house rules' auto-lock minutes.
    pub auto_lock_minutes: u16,
    /// The theme.
    pub theme: String,
    /// The operation started and neither done nor resolved, if any.
    pub in_flight: Option<(u64, Op)>,
    /// Every operation started, by sequence number (to resolve `done` lines).
    started: BTreeMap<u64, Op>,
    /// The next free sequence number.
    pub next_seq: u64,
    /// How many operations completed (done or resolved as applied).
    pub applied: u64,
}

impl Model {
    /// Folds one event into the model.
    pub fn apply_event(&mut self, event: &Event) -> Result<(), String> {
        match event {
            Event::Setup(setup) => {
                self.password = setup.password.clone();
                self.category_name = setup.category_name.clone();
                self.auto_lock_minutes = setup.auto_lock_minutes;
                self.theme = setup.theme.clone();
                self.setup = Some(setup.clone());
            }
            Event::Start { seq, op } => {
                if let Some((open, _)) = &self.in_flight {
                    return Err(format!(
                        "operation {seq} started while {open} was in flight"
                    ));
                }
                self.in_flight = Some((*seq, op.clone()));
                self.started.insert(*seq, op.clone());
                self.next_seq = self.next_seq.max(seq + 1);
            }
            Event::Done { seq, outcome } => {
                self.finish(*seq, true, *outcome)?;
            }
            Event::Resolved {
                seq,
                applied,
                outcome,
            } => {
                self.finish(*seq, *applied, *outcome)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, seq: u64, applied: bool, outcome: Outcome) -> Result<(), String> {
        match self.in_flight.take() {
            Some((open, _)) if open == seq => {}
            other => {
                return Err(format!(
                    "operation {seq} finished, but the one in flight was {:?}",
                    other.map(|(s, _)| s)
                ));
            }
        }
        let op = self
            .started
            .get(&seq)
            .cloned()
            .ok_or_else(|| format!("operation {seq} finished without a start"))?;
        if applied {
            self.apply_op(&op, outcome)?;
            self.applied += 1;
        }
        Ok(())
    }

    /// Applies a completed operation.
    pub fn apply_op(&mut self, op: &Op, outcome: Outcome) -> Result<(), String> {
        match (op, outcome) {
            (Op::Import { source, rows }, Outcome::Batch { id, first, last }) => {
                self.batches.insert(
                    id,
                    BatchRecord {
                        source: source.clone(),
                        rows: *rows,
                        id,
                        first,
                        last,
                    },
                );
            }
            (Op::Undo { batch, .. }, Outcome::Nothing) => {
                let record = self
                    .batches
                    .remove(batch)
                    .ok_or_else(|| format!("undo of unknown batch {batch}"))?;
                self.edited
                    .retain(|id, _| !(record.first..=record.last).contains(id));
                self.undone.push(record);
            }
            (Op::Add { amount, .. }, Outcome::Expense { id }) => {
                self.hand.insert(id, *amount);
            }
            (Op::Edit { id, amount, .. }, Outcome::Nothing) => {
                if let Some(hand) = self.hand.get_mut(id) {
                    *hand = *amount;
                } else {
                    self.edited.insert(*id, *amount);
                }
            }
            (Op::Delete { id }, Outcome::Nothing) => {
                self.hand.remove(id);
                self.deleted.insert(*id);
            }
            (Op::Budget { amount }, Outcome::Nothing) => self.budget = Some(*amount),
            (Op::Rename { name, .. }, Outcome::Nothing) => self.category_name = name.clone(),
            (Op::Password { new }, Outcome::Nothing) => {
                self.previous_password = Some(std::mem::replace(&mut self.password, new.clone()));
            }
            (Op::Policy { auto_lock_minutes }, Outcome::Nothing) => {
                self.auto_lock_minutes = *auto_lock_minutes;
            }
            (Op::Theme { theme }, Outcome::Nothing) => self.theme = theme.clone(),
            (op, outcome) => {
                return Err(format!("{} cannot have the outcome {outcome:?}", op.kind()));
            }
        }
        Ok(())
    }

    /// The setup, which every log starts with.
    pub fn setup(&self) -> Result<&Setup, String> {
        self.setup
            .as_ref()
            .ok_or_else(|| "the intent log has no setup line".to_string())
    }
}

/// The intent log file.
#[derive(Debug)]
pub struct IntentLog {
    path: PathBuf,
    file: File,
}

impl IntentLog {
    /// Opens (creating) the log at `path` for appending.
    pub fn open(path: &Path) -> io::Result<IntentLog> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(IntentLog {
            path: path.to_path_buf(),
            file,
        })
    }

    /// The log's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `event` as one line and makes it durable before returning.
    pub fn append(&mut self, event: &Event) -> io::Result<()> {
        let mut line = serde_json::to_vec(event).map_err(io::Error::other)?;
        line.push(b'\n');
        self.file.write_all(&line)?;
        self.file.sync_data()
    }
}

/// Reads the log at `path`: every complete line as an event. A last line without its newline (cut by
/// a kill) is removed from the file when `repair` is set, and ignored either way.
pub fn read(path: &Path, repair: bool) -> Result<Vec<Event>, String> {
    let bytes = fs::read(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let complete = bytes
        .iter()
        .rposition(|byte| *byte == b'\n')
        .map_or(0, |at| at + 1);
    if complete < bytes.len() && repair {
        let file = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|err| format!("{}: {err}", path.display()))?;
        file.set_len(complete as u64)
            .and_then(|()| file.sync_data())
            .map_err(|err| format!("{}: {err}", path.display()))?;
    }
    bytes[..complete]
        .split(|byte| *byte == b'\n')
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(number, line)| {
            serde_json::from_slice(line)
                .map_err(|err| format!("intent log line {}: {err}", number + 1))
        })
        .collect()
}

/// Replays `events` into a model.
pub fn replay(events: &[Event]) -> Result<Model, String> {
    let mut model = Model::default();
    for event in events {
        model.apply_event(event)?;
    }
    model.setup()?;
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> Event {
        Event::Setup(Setup {
            profile: "00".repeat(16),
            password: "first password".into(),
            recovery_code: "X".into(),
            category: 13,
            category_name: "Faults 0".into(),
            auto_lock_minutes: 5,
            theme: "system".into(),
        })
    }

    #[test]
    fn replay_applies_done_and_resolved_and_keeps_the_one_in_flight() {
        let events = vec![
            setup(),
            Event::Start {
                seq: 0,
                op: Op::Import {
                    source: "b0".into(),
                    rows: 3,
                },
            },
            Event::Done {
                seq: 0,
                outcome: Outcome::Batch {
                    id: 1,
                    first: 1,
                    last: 3,
                },
            },
            Event::Start {
                seq: 1,
                op: Op::Password {
                    new: "second password".into(),
                },
            },
            Event::Resolved {
                seq: 1,
                applied: false,
                outcome: Outcome::Nothing,
            },
            Event::Start {
                seq: 2,
                op: Op::Edit {
                    id: 2,
                    was: 5,
                    amount: 99,
                },
            },
        ];
        let model = replay(&events).expect("replays");
        assert_eq!(model.batches.len(), 1);
        assert_eq!(model.password, "first password");
        assert_eq!(model.next_seq, 3);
        assert_eq!(model.in_flight.as_ref().map(|(s, _)| *s), Some(2));
        assert!(model.edited.is_empty(), "the edit is not applied yet");
    }

    #[test]
    fn a_cut_last_line_is_ignored_and_repaired() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("intent.log");
        let mut log = IntentLog::open(&path).expect("opens");
        log.append(&setup()).expect("written");
        drop(log);
        let mut file = OpenOptions::new().append(true).open(&path).expect("opens");
        file.write_all(b"{\"event\":\"sta").expect("written");
        drop(file);
        assert_eq!(read(&path, true).expect("reads").len(), 1);
        let bytes = fs::read(&path).expect("readable");
        assert_eq!(bytes.last(), Some(&b'\n'), "the cut line is gone");
    }
}
