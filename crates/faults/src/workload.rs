//! The crash test's workload: what the worker (and, for calibration, the parent) does to the profile,
//! one logged operation at a time, through the same vault and ledger calls the app makes.

use std::io::Write as _;
use std::path::Path;

use coffer_ledger::batch::{self, BatchId};
use coffer_ledger::budget::{self, Change, Scope, Span};
use coffer_ledger::{CategoryId, Date, ExpenseFields, ExpenseId, Month, category, expense};
use coffer_vault::{
    InsecureSeededEntropy, Password, Policy, Preferences, ProfileId, Session, Theme, UnixTime,
    Vault,
};

use crate::intent::{self, Event, IntentLog, Model, Op, Outcome, Setup};
use crate::{BASE_TIME, Failure, open_vault};
use coffer_synthetic::{CATEGORIES, DESCRIPTIONS, PAYMENT_METHODS, Rng};

/// The prefix of every hand-entered expense's description.
pub const HAND_PREFIX: &str = "hand ";
/// The harness profile's name.
pub const PROFILE_NAME: &str = "Faults";
/// Its first password.
pub const FIRST_PASSWORD: &str = "faults password 0";
/// The colour of the harness's own category.
const CATEGORY_COLOR: &str = "#0f766e";

/// The month whose overall budget the workload changes.
pub fn budget_month() -> Result<Month, Failure> {
    Month::new(2026, 10).map_err(|err| Failure(err.to_string()))
}

/// The time of operation `seq`.
pub fn now(seq: u64) -> UnixTime {
    UnixTime(BASE_TIME + i64::try_from(seq).unwrap_or(i64::MAX / 2))
}

/// Which operations the worker chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole workload.
    Mixed,
    /// Only registry and preferences rewrites (password, house rules, theme).
    Registry,
}

impl Mode {
    /// The mode's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Mixed => "mixed",
            Mode::Registry => "registry",
        }
    }

    /// The mode named `name`.
    pub fn parse(name: &str) -> Option<Mode> {
        match name {
            "mixed" => Some(Mode::Mixed),
            "registry" => Some(Mode::Registry),
            _ => None,
        }
    }
}

/// The theme named `name` (`system`, `light`, `dark`).
pub fn theme(name: &str) -> Result<Theme, Failure> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|_| Failure(format!("unknown theme {name:?}")))
}

/// Creates the harness profile in the empty data directory `data` (its ledger migrated, the harness
/// category made, preferences written) and starts the intent log at `log` with its setup line.
pub fn setup(data: &Path, log: &Path, seed: u64) -> Result<Setup, Failure> {
    let vault = open_vault(data)?;
    let mut entropy = InsecureSeededEntropy::new(seed);
    let created = vault.create_profile(
        PROFILE_NAME,
        &Password::from(FIRST_PASSWORD),
        now(0),
        &mut entropy,
    )?;
    let mut session = created.session;
    coffer_ledger::migrate(session.connection_mut(), BASE_TIME)?;
    let category_name = "Faults 0".to_owned();
    let category = category::create(
        session.connection_mut(),
        &category_name,
        CATEGORY_COLOR,
        BASE_TIME,
    )?;
    vault.set_preferences(&Preferences::default())?;
    let setup = Setup {
        profile: session.profile().id.to_string(),
        password: FIRST_PASSWORD.into(),
        recovery_code: created.recovery_code.grouped().to_string(),
        category: category.0,
        category_name,
        auto_lock_minutes: vault.policy()?.auto_lock_minutes,
        theme: "system".into(),
    };
    session.close()?;
    IntentLog::open(log)?.append(&Event::Setup(setup.clone()))?;
    Ok(setup)
}

/// Generates row `index` of the import with seed `seed`: a bank export's date, amount, category name,
/// description and payment method (the shape `coffer-bench generate` writes).
pub(crate) fn generated_row(
    rng: &mut Rng,
    index: u64,
    rows: u64,
) -> Result<(Date, i64, &'static str, &'static str, Option<&'static str>), Failure> {
    let first = Month::new(2016, 11)
        .map_err(|err| Failure(err.to_string()))?
        .first_day()
        .day_number();
    let days = 3652_i128;
    let offset = i128::from(index) * days / i128::from(rows.max(1));
    let day = first + i32::try_from(offset).unwrap_or(0);
    let date = Date::from_day_number(day).map_err(|err| Failure(err.to_string()))?;
    let cents = match rng.below(20) {
        0 => rng.between(20_000, 199_999),
        _ => rng.between(100, 9_999),
    };
    Ok((
        date,
        cents,
        CATEGORIES[rng.index(CATEGORIES.len())],
        DESCRIPTIONS[rng.index(DESCRIPTIONS.len())],
        Some(PAYMENT_METHODS[rng.index(PAYMENT_METHODS.len())]).filter(|p| !p.is_empty()),
    ))
}

/// An unlocked profile and the log of what is done to it.
pub struct Worker {
    vault: Vault,
    session: Session,
    profile: ProfileId,
    model: Model,
    log: IntentLog,
    rng: Rng,
    entropy: InsecureSeededEntropy,
    rows: u64,
    max_batches: usize,
    categories: Vec<CategoryId>,
    announce: bool,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("profile", &self.profile)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// How the worker is started.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Seed of the run.
    pub seed: u64,
    /// Which start of the worker this is (varies its choices).
    pub generation: u64,
    /// Rows per import.
    pub rows: u64,
    /// Imports kept before the oldest is undone.
    pub max_batches: usize,
    /// Print `S`/`D` lines on stdout for the parent.
    pub announce: bool,
}

impl Worker {
    /// Unlocks the profile of the log at `log` in the data directory `data`, continuing from the
    /// state the log describes (which must have nothing in flight).
    pub fn start(data: &Path, log: &Path, options: &WorkerOptions) -> Result<Worker, Failure> {
        let events = intent::read(log, false)?;
        let model = intent::replay(&events)?;
        if let Some((seq, op)) = &model.in_flight {
            return Err(Failure(format!(
                "operation {seq} ({}) is still unresolved in the intent log",
                op.kind()
            )));
        }
        let setup = model.setup()?.clone();
        let profile: ProfileId = setup
            .profile
            .parse()
            .map_err(|_| Failure("the intent log's profile id is not valid".into()))?;
        let vault = open_vault(data)?;
        let mut session = vault.unlock(
            &profile,
            &Password::from(model.password.as_str()),
            now(model.next_seq),
        )?;
        coffer_ledger::migrate(session.connection_mut(), BASE_TIME)?;
        let categories = category::list(session.connection())?
            .into_iter()
            .map(|c| c.id)
            .collect();
        let stream = options.generation.wrapping_mul(2).wrapping_add(1);
        Ok(Worker {
            vault,
            session,
            profile,
            model,
            log: IntentLog::open(log)?,
            rng: Rng::new(options.seed, stream),
            entropy: InsecureSeededEntropy::new(options.seed ^ stream.rotate_left(32)),
            rows: options.rows,
            max_batches: options.max_batches,
            categories,
            announce: options.announce,
        })
    }

    /// The model of the profile as the log describes it.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Closes the profile.
    pub fn close(self) -> Result<(), Failure> {
        Ok(self.session.close()?)
    }

    /// Chooses the next operation of `mode`.
    pub fn choose(&mut self, mode: Mode) -> Result<Op, Failure> {
        let seq = self.model.next_seq;
        if mode == Mode::Mixed
            && self.model.batches.len() > self.max_batches
            && let Some(oldest) = self.model.batches.values().next()
        {
            return Ok(Op::Undo {
                batch: oldest.id,
                source: oldest.source.clone(),
            });
        }
        let any_expense = !self.model.hand.is_empty() || !self.model.batches.is_empty();
        let weights: [u32; 10] = match mode {
            Mode::Mixed => [
                10,
                if self.model.batches.is_empty() { 0 } else { 3 },
                25,
                if any_expense { 20 } else { 0 },
                if self.model.hand.is_empty() { 0 } else { 10 },
                8,
                6,
                7,
                6,
                5,
            ],
            Mode::Registry => [0, 0, 0, 0, 0, 0, 0, 45, 45, 10],
        };
        Ok(match self.rng.weighted(&weights) {
            0 => Op::Import {
                source: format!("batch-{seq}.csv"),
                rows: self.rows,
            },
            1 => {
                let ids: Vec<&intent::BatchRecord> = self.model.batches.values().collect();
                let record = ids[self.rng.index(ids.len())];
                Op::Undo {
                    batch: record.id,
                    source: record.source.clone(),
                }
            }
            2 => Op::Add {
                tag: format!("{HAND_PREFIX}{seq}"),
                amount: self.rng.between(100, 50_000),
            },
            3 => {
                let id = self.pick_expense();
                let was = expense::get(self.session.connection(), ExpenseId(id))?
                    .fields
                    .amount();
                Op::Edit {
                    id,
                    was,
                    amount: self.rng.between(1, 99_999),
                }
            }
            4 => {
                let ids: Vec<i64> = self.model.hand.keys().copied().collect();
                Op::Delete {
                    id: ids[self.rng.index(ids.len())],
                }
            }
            5 => Op::Budget {
                amount: self.rng.between(10_000, 5_000_000),
            },
            6 => Op::Rename {
                category: self.model.setup()?.category,
                name: format!("Faults {seq}"),
            },
            7 => Op::Password {
                new: format!("faults password {seq}"),
            },
            8 => Op::Policy {
                auto_lock_minutes: u16::try_from(self.rng.between(1, 240)).unwrap_or(5),
            },
            _ => Op::Theme {
                theme: ["system", "light", "dark"][self.rng.index(3)].into(),
            },
        })
    }

    /// A hand-entered or imported expense, at random.
    fn pick_expense(&mut self) -> i64 {
        let hand: Vec<i64> = self.model.hand.keys().copied().collect();
        let batches: Vec<(i64, i64)> = self
            .model
            .batches
            .values()
            .map(|b| (b.first, b.last))
            .collect();
        if batches.is_empty() || (!hand.is_empty() && self.rng.below(2) == 0) {
            hand[self.rng.index(hand.len())]
        } else {
            let (first, last) = batches[self.rng.index(batches.len())];
            self.rng.between(first, last)
        }
    }

    /// Logs `op` as started, does it, logs it as done, and returns what it produced.
    pub fn run(&mut self, op: &Op) -> Result<Outcome, Failure> {
        let seq = self.model.next_seq;
        let start = Event::Start {
            seq,
            op: op.clone(),
        };
        self.log.append(&start)?;
        self.model.apply_event(&start)?;
        if self.announce {
            announce(&format!("S {seq} {} {}", op.kind(), op.phase().name()))?;
        }
        let outcome = self.execute(seq, op)?;
        let done = Event::Done { seq, outcome };
        self.log.append(&done)?;
        self.model.apply_event(&done)?;
        if self.announce {
            announce(&format!("D {seq}"))?;
        }
        Ok(outcome)
    }

    fn execute(&mut self, seq: u64, op: &Op) -> Result<Outcome, Failure> {
        let time = now(seq);
        let conn = self.session.connection_mut();
        match op {
            Op::Import { source, rows } => {
                let mut rng = Rng::new(seq, 0xB47C);
                let (batch, ()) = batch::import(conn, time.0, source, |writer| {
                    for index in 0..*rows {
                        let (date, amount, category, description, payment) =
                            generated_row(&mut rng, index, *rows)
                                .map_err(|err| coffer_ledger::Error::Damaged { reason: err.0 })?;
                        let category = writer.category_named(category, true)?;
                        let fields =
                            ExpenseFields::new(date, amount, category, description, None, payment)?;
                        writer.insert(&fields)?;
                    }
                    Ok::<(), coffer_ledger::Error>(())
                })?;
                let (first, last): (i64, i64) = conn.query_row(
                    "SELECT first_expense, last_expense FROM import_batch WHERE id = ?1",
                    [batch.id.0],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )?;
                Ok(Outcome::Batch {
                    id: batch.id.0,
                    first,
                    last,
                })
            }
            Op::Undo { batch, .. } => {
                batch::undo(conn, BatchId(*batch))?;
                Ok(Outcome::Nothing)
            }
            Op::Add { tag, amount } => {
                let day = self.rng.between(20_454, 20_819);
                let date = Date::from_day_number(i32::try_from(day).unwrap_or(20_454))
                    .map_err(|err| Failure(err.to_string()))?;
                let category = self.categories[self.rng.index(self.categories.len())];
                let fields =
                    ExpenseFields::new(date, *amount, category, tag, Some("by hand"), None)?;
                let added = expense::add(conn, &fields, time.0)?;
                Ok(Outcome::Expense { id: added.id.0 })
            }
            Op::Edit { id, amount, .. } => {
                let old = expense::get(conn, ExpenseId(*id))?.fields;
                let fields = ExpenseFields::new(
                    old.date(),
                    *amount,
                    old.category(),
                    old.description(),
                    old.notes(),
                    old.payment_method(),
                )?;
                expense::update(conn, ExpenseId(*id), &fields, time.0)?;
                Ok(Outcome::Nothing)
            }
            Op::Delete { id } => {
                expense::delete(conn, ExpenseId(*id))?;
                Ok(Outcome::Nothing)
            }
            Op::Budget { amount } => {
                budget::set(
                    conn,
                    &Change {
                        scope: Scope::Overall,
                        month: budget_month()?,
                        span: Span::FromThisMonthOn,
                        amount: Some(*amount),
                        rollover: false,
                    },
                )?;
                Ok(Outcome::Nothing)
            }
            Op::Rename { category, name } => {
                category::update(conn, CategoryId(*category), name, CATEGORY_COLOR)?;
                Ok(Outcome::Nothing)
            }
            Op::Password { new } => {
                self.vault.change_password(
                    &self.profile,
                    &Password::from(self.model.password.as_str()),
                    &Password::from(new.as_str()),
                    time,
                    &mut self.entropy,
                )?;
                Ok(Outcome::Nothing)
            }
            Op::Policy { auto_lock_minutes } => {
                let policy = Policy {
                    auto_lock_minutes: *auto_lock_minutes,
                    ..self.vault.policy()?
                };
                self.vault.set_policy(&self.profile, policy)?;
                Ok(Outcome::Nothing)
            }
            Op::Theme { theme: name } => {
                self.vault.set_preferences(&Preferences {
                    theme: theme(name)?,
                })?;
                Ok(Outcome::Nothing)
            }
        }
    }
}

/// Tells the parent (on stdout) what the worker is doing.
fn announce(line: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

/// The `worker` subcommand: unlocks the profile and runs operations of `mode` until killed.
pub fn run_worker(
    data: &Path,
    log: &Path,
    mode: Mode,
    options: &WorkerOptions,
) -> Result<(), Failure> {
    let mut worker = Worker::start(data, log, options)?;
    if options.announce {
        announce("ready")?;
    }
    loop {
        let op = worker.choose(mode)?;
        worker.run(&op)?;
    }
}
