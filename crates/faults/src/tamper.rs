//! `coffer-faults tamper`: single-byte flips in every file of a data directory, each on a fresh copy,
//! and what Coffer makes of them.
//!
//! The pristine data directory has two profiles. Alice's ledger has imported and hand-entered
//! expenses, and its last four commits (one of them adds an expense whose description is a marker)
//! sit in a `-wal` file that was copied while her connection was still open: SQLite folds the log
//! into the ledger and deletes it when the last connection closes, so this is the only way to get a
//! data directory with a log in it, exactly as a crash leaves one. Before those commits the log was
//! restarted, so it also ends in stale frames of an earlier generation. Bob's ledger is closed and
//! has no log. There is also a backup of Alice, written at the end.
//!
//! Targets: Alice's ledger file, her `-wal`, one of the registry's two files (anywhere), the registry
//! with the same byte flipped in both files (anywhere), her key slots in both files (a byte of a decoded
//! salt, nonce or wrapped key, re-encoded, with and without recomputing the entry's checksum as an
//! attacker would, and raw flips in the slots' base64 text), and the backup. After each flip the
//! harness unlocks Alice and reads everything (every expense, totals, categories, imports, budgets,
//! every table row, `PRAGMA integrity_check`), opens her with her recovery code where the registry was
//! hit, restores the backup where it was hit, and reads Bob. Each flip is classified:
//!
//! * refused, with the error's code. A flip in the log must be refused as `tampered_ledger` exactly
//!   where no power cut can explain it: in its header, in a frame up to the second-to-last commit (a
//!   transaction that another followed, so it had been fsynced), or in the commit size of a frame of
//!   the last transaction before its end (it then reads as a damaged commit followed by another);
//! * identical data, only where the byte provably does not matter: a ledger page that has a newer
//!   copy in the log (SQLite reads the log's), a stale log frame after the last commit (recovery
//!   stops before it), insignificant JSON whitespace (the file parses to the same value), a flip in one
//!   registry file only (the other is intact, and opening the folder must write both back as they were);
//! * an earlier commit: any other damaged frame of the log's last transaction is what a power cut
//!   can leave, so Coffer lets SQLite treat it as a torn write: it and every later frame are ignored
//!   and the profile opens as of the commit before. The harness requires exactly that state;
//! * wrong data, unexplained identical data, a log refused or opened other than predicted from its
//!   structure, and panics: failures.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use coffer_ledger::batch;
use coffer_ledger::budget::{self, Change, Scope, Span};
use coffer_ledger::{CategoryId, Date, ExpenseFields, ExpenseId, category, expense};
use coffer_vault::wal::{HEADER_LEN as WAL_HEADER_LEN, WalLayout, log_path};
use coffer_vault::{
    BackupSecret, InsecureSeededEntropy, Password, Policy, ProfileId, RecoveryCode, Session,
};
use serde_json::{Value, json};

use crate::dump::{Dump, Refused, read_everything};
use crate::workload::{budget_month, generated_row, now};
use crate::{BASE_TIME, Failure, open_vault, work_dir};
use coffer_synthetic::Rng;

/// The registry's second file, written with the same bytes as `registry.json` by every save.
const REGISTRY_COPY: &str = "registry-copy.json";
/// Alice's password.
const ALICE_PASSWORD: &str = "alice tamper password";
/// Bob's password.
const BOB_PASSWORD: &str = "bob tamper password";
/// The description of the expense only the log holds.
pub const MARKER: &str = "MARKER-c0ffee-tamper";
/// Rows of Alice's import.
const IMPORT_ROWS: u64 = 10_000;

/// How a tamper run is set up.
#[derive(Debug, Clone)]
pub struct TamperConfig {
    /// Flips per target.
    pub flips: u32,
    /// The run's seed.
    pub seed: u64,
    /// Where to work (kept); a temporary directory (removed unless something failed) if `None`.
    pub dir: Option<PathBuf>,
}

impl Default for TamperConfig {
    fn default() -> Self {
        TamperConfig {
            flips: 100,
            seed: 1,
            dir: None,
        }
    }
}

/// What is flipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// Any byte of Alice's ledger file.
    Ledger,
    /// Any byte of Alice's `-wal` file.
    Wal,
    /// Any byte of one of the registry's two files (`registry.json` or `registry-copy.json`).
    RegistryOneFile,
    /// Any byte of the registry, flipped alike in both of its files.
    Registry,
    /// A byte of a decoded salt, nonce or wrapped key of Alice's slots, re-encoded (in both files).
    SlotBytes,
    /// The same, with the entry's checksum recomputed (a deliberate edit).
    SlotBytesResealed,
    /// Any byte of the base64 text of Alice's slots' salts, nonces and wrapped keys.
    SlotText,
    /// Any byte of the backup file.
    Backup,
}

impl Target {
    /// Every target, in report order.
    pub const ALL: [Target; 8] = [
        Target::Ledger,
        Target::Wal,
        Target::RegistryOneFile,
        Target::Registry,
        Target::SlotBytes,
        Target::SlotBytesResealed,
        Target::SlotText,
        Target::Backup,
    ];

    /// The target's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Target::Ledger => "ledger",
            Target::Wal => "ledger_wal",
            Target::RegistryOneFile => "registry_one_file",
            Target::Registry => "registry_both_files",
            Target::SlotBytes => "key_slot_bytes",
            Target::SlotBytesResealed => "key_slot_bytes_resealed",
            Target::SlotText => "key_slot_text",
            Target::Backup => "backup",
        }
    }

    fn in_registry(self) -> bool {
        matches!(
            self,
            Target::RegistryOneFile
                | Target::Registry
                | Target::SlotBytes
                | Target::SlotBytesResealed
                | Target::SlotText
        )
    }

    /// Whether the flip is made alike in both of the registry's files.
    fn in_both_registry_files(self) -> bool {
        self.in_registry() && self != Target::RegistryOneFile
    }
}

/// The outcomes of one target's flips.
#[derive(Debug, Clone, Default)]
pub struct TargetFigures {
    /// Flips tried.
    pub flips: u32,
    /// Refused, by error code.
    pub refused: BTreeMap<String, u32>,
    /// Identical data, by why the byte did not matter.
    pub identical: BTreeMap<&'static str, u32>,
    /// Opened as of an earlier commit, exactly the one predicted (log frames treated as torn).
    pub earlier_commit: u32,
    /// Of those, how many lost the marker expense.
    pub marker_lost: u32,
    /// Opened with data that is neither the pristine data nor a predicted earlier commit.
    pub wrong_data: u32,
    /// Opened with identical data where the byte should have mattered.
    pub unexplained: u32,
    /// Panics.
    pub panics: u32,
    /// Bob read his data unchanged.
    pub bob_ok: u32,
    /// Bob refused because the flip hit his own entry or made the registry unreadable.
    pub bob_refused_own: u32,
    /// Bob refused or read wrong data although the flip was not his.
    pub bob_failures: u32,
    /// Temporary files a refused restore left behind.
    pub left_behind: u32,
    /// Details of every failure (the first few).
    pub details: Vec<String>,
}

impl TargetFigures {
    /// Failures of this target.
    pub fn failures(&self) -> u32 {
        self.wrong_data + self.unexplained + self.panics + self.bob_failures + self.left_behind
    }

    fn detail(&mut self, text: String) {
        if self.details.len() < 10 {
            self.details.push(text);
        }
    }
}

/// The figures of a tamper run.
#[derive(Debug, Clone, Default)]
pub struct TamperReport {
    /// The run's seed.
    pub seed: u64,
    /// Flips per target.
    pub flips: u32,
    /// Figures by target.
    pub targets: BTreeMap<Target, TargetFigures>,
    /// Sizes of the pristine files, and the log's structure, in words.
    pub setup: String,
    /// The setup's figures for the JSON line.
    pub setup_json: Value,
    /// Panic messages seen.
    pub panic_messages: Vec<String>,
    /// Seconds for the whole run.
    pub seconds: f64,
    /// The working directory, if it was kept.
    pub kept_dir: Option<PathBuf>,
}

impl TamperReport {
    /// Whether nothing failed: no wrong data, no unexplained identical data, no panic, Bob always fine,
    /// nothing left behind.
    pub fn passed(&self) -> bool {
        self.targets.values().all(|t| t.failures() == 0) && !self.targets.is_empty()
    }

    /// The report as one JSON line.
    pub fn json(&self) -> String {
        let targets: serde_json::Map<String, Value> = self
            .targets
            .iter()
            .map(|(target, f)| {
                (
                    target.name().to_owned(),
                    json!({
                        "flips": f.flips,
                        "refused": f.refused,
                        "identical": f.identical,
                        "earlier_commit": f.earlier_commit,
                        "marker_lost": f.marker_lost,
                        "wrong_data": f.wrong_data,
                        "unexplained": f.unexplained,
                        "panics": f.panics,
                        "bob_ok": f.bob_ok,
                        "bob_refused_own": f.bob_refused_own,
                        "bob_failures": f.bob_failures,
                        "left_behind": f.left_behind,
                    }),
                )
            })
            .collect();
        let total = |f: fn(&TargetFigures) -> u32| self.targets.values().map(f).sum::<u32>();
        json!({
            "mode": "tamper",
            "seed": self.seed,
            "flips_per_target": self.flips,
            "flips": total(|f| f.flips),
            "wrong_data": total(|f| f.wrong_data),
            "unexplained": total(|f| f.unexplained),
            "panics": total(|f| f.panics),
            "failures": total(TargetFigures::failures),
            "setup": self.setup_json,
            "targets": targets,
            "seconds": (self.seconds * 100.0).round() / 100.0,
        })
        .to_string()
    }

    /// The report as a table, in words.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "coffer-faults tamper (seed {}, {} flips per target) in {:.1} s\n{}\n",
            self.seed, self.flips, self.seconds, self.setup
        );
        text.push_str(&format!(
            "{:<24} {:>5}  {:<58} {:<34} {:>7} {:>5} {:>6} {:>6}  {}\n",
            "target",
            "flips",
            "refused (by error)",
            "identical (why)",
            "earlier",
            "wrong",
            "unexpl",
            "panics",
            "Bob ok/own/fail"
        ));
        for (target, f) in &self.targets {
            let refused = f
                .refused
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let identical = f
                .identical
                .iter()
                .map(|(why, n)| format!("{why} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            text.push_str(&format!(
                "{:<24} {:>5}  {:<58} {:<34} {:>7} {:>5} {:>6} {:>6}  {}/{}/{}\n",
                target.name(),
                f.flips,
                if refused.is_empty() {
                    "-".into()
                } else {
                    refused
                },
                if identical.is_empty() {
                    "-".into()
                } else {
                    identical
                },
                f.earlier_commit,
                f.wrong_data,
                f.unexplained,
                f.panics,
                f.bob_ok,
                f.bob_refused_own,
                f.bob_failures,
            ));
        }
        let wal = self.targets.get(&Target::Wal);
        if wal.is_some_and(|w| w.refused.contains_key("tampered_ledger")) {
            text.push_str(
                "ledger_wal refused: the flipped byte lay in the log's header or in a transaction that another followed; \
                 every commit is fsynced before the next transaction writes, so no power cut leaves such damage, and \
                 Coffer refuses the log before SQLite's recovery would silently skip that frame and all after it\n",
            );
        }
        if let Some(wal) = wal.filter(|w| w.earlier_commit > 0) {
            text.push_str(&format!(
                "ledger_wal \"earlier\": the flipped byte lay in the log's last transaction, which a power cut can tear \
                 alike; SQLite's recovery treats it as a torn write and ignores that frame and all after it, so the \
                 profile opened exactly as of the commit before (as predicted from the log's structure); {} of them \
                 lost the marker expense, which only the log held\n",
                wal.marker_lost
            ));
        }
        for (target, f) in &self.targets {
            for detail in &f.details {
                text.push_str(&format!("FAILURE {}: {detail}\n", target.name()));
            }
        }
        for message in self.panic_messages.iter().take(5) {
            text.push_str(&format!("PANIC: {message}\n"));
        }
        text.push_str(&format!(
            "failures: {}",
            self.targets
                .values()
                .map(TargetFigures::failures)
                .sum::<u32>()
        ));
        if let Some(dir) = &self.kept_dir {
            text.push_str(&format!("\nthe data is kept in {}", dir.display()));
        }
        text
    }
}

/// One base64 field of one of Alice's key slots in the pristine registry.
#[derive(Debug, Clone)]
struct SlotField {
    /// The slot's index in `key_slots`.
    slot: usize,
    /// `salt`, `nonce` or `wrapped_key`.
    field: &'static str,
    /// The field's text, and where it lies in the file (inside the quotes).
    text: String,
    span: Range<usize>,
}

/// The pristine data directory and everything known about it.
struct Pristine {
    data: PathBuf,
    backup: PathBuf,
    alice: ProfileId,
    bob: ProfileId,
    recovery_code: String,
    /// Alice's data as of each commit in the log: `states[0]` before the first, the last is current.
    states: Vec<Dump>,
    bob_dump: Dump,
    policy: Policy,
    ledger_file: String,
    wal: WalLayout,
    used_pages: BTreeSet<u32>,
    registry: Vec<u8>,
    registry_value: Value,
    alice_span: Range<usize>,
    bob_span: Range<usize>,
    slot_fields: Vec<SlotField>,
}

/// Panic messages caught while a run's hook is installed.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Runs the tamper test described by `config`.
pub fn run(config: &TamperConfig) -> Result<TamperReport, Failure> {
    let started = Instant::now();
    let (temp, root) = work_dir(config.dir.as_deref(), "coffer-faults-tamper")?;
    let pristine = build_pristine(&root, config.seed)?;
    let mut report = TamperReport {
        seed: config.seed,
        flips: config.flips,
        ..TamperReport::default()
    };
    describe_setup(&pristine, &mut report)?;

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut panics) = PANICS.lock() {
            panics.push(info.to_string());
        }
    }));
    let outcome = (|| -> Result<(), Failure> {
        for (index, target) in Target::ALL.into_iter().enumerate() {
            let mut figures = TargetFigures::default();
            for flip in 0..config.flips {
                let mut rng = Rng::new(config.seed, (index as u64) << 32 | u64::from(flip));
                tamper_once(&root, &pristine, target, &mut rng, &mut figures)?;
            }
            eprintln!(
                "coffer-faults: tamper {}: {} flips, {} failures",
                target.name(),
                figures.flips,
                figures.failures()
            );
            report.targets.insert(target, figures);
        }
        Ok(())
    })();
    std::panic::set_hook(previous_hook);
    report.panic_messages = PANICS.lock().map(|p| p.clone()).unwrap_or_default();
    outcome?;
    report.seconds = started.elapsed().as_secs_f64();
    if !report.passed() || temp.is_none() {
        report.kept_dir = Some(match temp {
            Some(temp) => temp.keep(),
            None => root,
        });
    }
    Ok(report)
}

fn describe_setup(pristine: &Pristine, report: &mut TamperReport) -> Result<(), Failure> {
    let size = |path: &Path| fs::metadata(path).map(|m| m.len());
    let ledger = pristine.data.join(&pristine.ledger_file);
    let wal = log_path(&ledger);
    let (ledger_len, wal_len) = (size(&ledger)?, size(&wal)?);
    let (registry_len, backup_len) = (pristine.registry.len(), size(&pristine.backup)?);
    let w = &pristine.wal;
    // Where the log's transactions end: flips before the second-to-last end must be refused.
    let end_of = |commit: Option<&usize>| {
        commit.map_or(WAL_HEADER_LEN, |frame| {
            WAL_HEADER_LEN + (frame + 1) * w.frame_len()
        })
    };
    let refused_end = end_of(w.commits.iter().rev().nth(1));
    let last_end = end_of(w.commits.last());
    report.setup = format!(
        "setup: Alice's ledger {ledger_len} bytes ({} pages of {}, {} in use), her -wal {wal_len} bytes: {} frames \
         in {} commits (checksum chain over the bytes on disk {}), then {} stale frames (a flip in its bytes \
         0..{refused_end} must be refused, in {refused_end}..{last_end}, the last transaction, open as of the commit \
         before unless it gives a frame a commit size); registry.json {registry_len} bytes; backup {backup_len} bytes; \
         Alice {} expenses (the marker only in the log), Bob {}",
        ledger_len / w.page_size as u64,
        w.page_size,
        pristine.used_pages.len(),
        w.current_frames,
        w.commits.len(),
        if w.checksummed_frames == w.current_frames && w.header_checksum_ok {
            "holds"
        } else {
            "does not hold: SQLite checks it over the decrypted pages"
        },
        w.stale_frames,
        pristine.states.last().map_or(0, |s| s.expenses),
        pristine.bob_dump.expenses,
    );
    report.setup_json = json!({
        "ledger_bytes": ledger_len,
        "wal_bytes": wal_len,
        "wal_frames": w.current_frames,
        "wal_commits": w.commits.len(),
        "wal_stale_frames": w.stale_frames,
        "wal_last_transaction_bytes": [refused_end, last_end],
        "registry_bytes": registry_len,
        "backup_bytes": backup_len,
    });
    Ok(())
}

/// Copies the directory `from` to `to` (which must not exist), leaving out `-shm` files.
fn copy_dir(from: &Path, to: &Path) -> Result<(), Failure> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().ends_with("-shm") {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(&name));
        if entry.file_type()?.is_dir() {
            copy_dir(&source, &dest)?;
        } else {
            fs::copy(&source, &dest)?;
        }
    }
    Ok(())
}

fn add(
    conn: &mut coffer_vault::rusqlite::Connection,
    day: &str,
    amount: i64,
    category: CategoryId,
    description: &str,
    time: i64,
) -> Result<i64, Failure> {
    let date: Date = day.parse().map_err(|err| Failure(format!("{err}")))?;
    let fields = ExpenseFields::new(date, amount, category, description, Some("tamper"), None)?;
    Ok(expense::add(conn, &fields, time)?.id.0)
}

/// Builds the pristine data directory (see the module docs) and reads everything about it.
fn build_pristine(root: &Path, seed: u64) -> Result<Pristine, Failure> {
    let live = root.join("live");
    let vault = open_vault(&live)?;
    let mut entropy = InsecureSeededEntropy::new(seed);
    let created = vault.create_profile(
        "Alice",
        &Password::from(ALICE_PASSWORD),
        now(0),
        &mut entropy,
    )?;
    let recovery_code = created.recovery_code.grouped().to_string();
    let mut alice = created.session;
    let alice_id = alice.profile().id;
    let conn = alice.connection_mut();
    coffer_ledger::migrate(conn, BASE_TIME)?;
    let mut rng = Rng::new(seed, 0x7A3);
    batch::import(conn, BASE_TIME, "alice-bank.csv", |writer| {
        for index in 0..IMPORT_ROWS {
            let (date, amount, name, description, payment) =
                generated_row(&mut rng, index, IMPORT_ROWS)
                    .map_err(|err| coffer_ledger::Error::Damaged { reason: err.0 })?;
            let category = writer.category_named(name, true)?;
            writer.insert(&ExpenseFields::new(
                date,
                amount,
                category,
                description,
                None,
                payment,
            )?)?;
        }
        Ok::<(), coffer_ledger::Error>(())
    })?;
    let groceries = category::find_by_name(conn, "Groceries")?.ok_or("no Groceries")?;
    for day in 1..=20 {
        add(
            conn,
            &format!("2026-09-{day:02}"),
            100 * i64::from(day),
            groceries,
            &format!("Alice by hand {day}"),
            BASE_TIME + i64::from(day),
        )?;
    }

    let mut bob = vault
        .create_profile("Bob", &Password::from(BOB_PASSWORD), now(1), &mut entropy)?
        .session;
    let bob_id = bob.profile().id;
    coffer_ledger::migrate(bob.connection_mut(), BASE_TIME)?;
    let bob_groceries =
        category::find_by_name(bob.connection(), "Groceries")?.ok_or("no Groceries")?;
    for day in 1..=28 {
        add(
            bob.connection_mut(),
            &format!("2026-08-{day:02}"),
            333 * i64::from(day),
            bob_groceries,
            &format!("Bob's {day}"),
            BASE_TIME,
        )?;
    }
    let bob_dump = read_everything(&mut bob).map_err(|r| Failure(r.message))?;
    bob.close()?;

    // Compact and fold the log into the file; a few small commits (an earlier generation of the log),
    // folded in too, with the next writer told to start the log from the beginning, so that their
    // frames stay behind as stale ones; then four commits that only the log holds.
    let conn = alice.connection();
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
    for id in (1..=60).step_by(10) {
        let old = expense::get(alice.connection(), ExpenseId(id))?.fields;
        let fields = ExpenseFields::new(
            old.date(),
            old.amount() + 1,
            old.category(),
            old.description(),
            Some("edited before the log's last restart"),
            old.payment_method(),
        )?;
        expense::update(
            alice.connection_mut(),
            ExpenseId(id),
            &fields,
            BASE_TIME + 50,
        )?;
    }
    let conn = alice.connection();
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(RESTART)", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
    if busy != 0 {
        return Err(Failure(
            "the checkpoint before the log's commits was blocked".into(),
        ));
    }
    let read = |session: &mut Session| read_everything(session).map_err(|r| Failure(r.message));
    let mut states = vec![read(&mut alice)?];
    add(
        alice.connection_mut(),
        "2026-10-03",
        4_242,
        groceries,
        MARKER,
        BASE_TIME + 100,
    )?;
    states.push(read(&mut alice)?);
    let edited = ExpenseId(7);
    let old = expense::get(alice.connection(), edited)?.fields;
    let fields = ExpenseFields::new(
        old.date(),
        old.amount() + 1,
        old.category(),
        old.description(),
        old.notes(),
        old.payment_method(),
    )?;
    expense::update(alice.connection_mut(), edited, &fields, BASE_TIME + 101)?;
    states.push(read(&mut alice)?);
    budget::set(
        alice.connection_mut(),
        &Change {
            scope: Scope::Overall,
            month: budget_month()?,
            span: Span::FromThisMonthOn,
            amount: Some(123_456),
            rollover: false,
        },
    )?;
    states.push(read(&mut alice)?);
    category::create(alice.connection_mut(), "Tamper", "#123456", BASE_TIME + 102)?;
    states.push(read(&mut alice)?);
    let current = states.last().ok_or("no state")?;
    if !current.contains(MARKER) || states[0].contains(MARKER) {
        return Err(Failure(
            "the marker expense is not where it should be".into(),
        ));
    }

    let backup = root.join("alice.cofferbackup");
    vault.write_backup(&alice, &Password::from(ALICE_PASSWORD), &backup, now(2))?;
    let used_pages: BTreeSet<u32> = alice
        .connection()
        .prepare("SELECT DISTINCT pageno FROM dbstat")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;

    // The copy, taken while Alice's connection is open and idle: ledger and log as a crash leaves them.
    let data = root.join("pristine");
    copy_dir(&live, &data)?;
    alice.close()?;
    fs::remove_dir_all(&live)?;

    let ledger_file = format!("profiles/{alice_id}.db");
    let wal = WalLayout::read(fs::File::open(log_path(&data.join(&ledger_file)))?)?
        .ok_or("the copied -wal has no valid header")?;
    if wal.commits.len() + 1 != states.len() {
        return Err(Failure(format!(
            "the copied -wal holds {} commits, expected {}: {wal:?}",
            wal.commits.len(),
            states.len() - 1
        )));
    }
    let registry = fs::read(data.join("registry.json"))?;
    if fs::read(data.join(REGISTRY_COPY))? != registry {
        return Err(Failure(
            "the registry's two files differ in the pristine copy".into(),
        ));
    }
    let registry_value: Value = serde_json::from_slice(&registry)?;
    let spans = entry_spans(&registry);
    let span_of = |id: &ProfileId| {
        let needle = format!("\"{id}\"");
        spans
            .iter()
            .find(|span| find(&registry[(*span).clone()], needle.as_bytes()).is_some())
            .cloned()
            .ok_or_else(|| Failure(format!("no registry entry holds {id}")))
    };
    let (alice_span, bob_span) = (span_of(&alice_id)?, span_of(&bob_id)?);
    let slot_fields = slot_fields(&registry, &registry_value, &alice_id, &alice_span)?;
    let pristine = Pristine {
        data,
        backup,
        alice: alice_id,
        bob: bob_id,
        recovery_code,
        states,
        bob_dump,
        policy: vault.policy()?,
        ledger_file,
        wal,
        used_pages,
        registry,
        registry_value,
        alice_span,
        bob_span,
        slot_fields,
    };
    check_pristine(root, &pristine)?;
    Ok(pristine)
}

/// The pristine copy, untouched, opens with Alice's current data and Bob's.
fn check_pristine(root: &Path, pristine: &Pristine) -> Result<(), Failure> {
    let scratch = root.join("scratch");
    copy_dir(&pristine.data, &scratch)?;
    let vault = open_vault(&scratch)?;
    let mut alice = vault.unlock(&pristine.alice, &Password::from(ALICE_PASSWORD), now(3))?;
    let dump = read_everything(&mut alice).map_err(|r| Failure(r.message))?;
    alice.close()?;
    if Some(&dump) != pristine.states.last() {
        return Err(Failure(format!(
            "the pristine copy does not read as Alice's data: {}",
            dump.first_difference(pristine.states.last().ok_or("no state")?)
        )));
    }
    let mut bob = vault.unlock(&pristine.bob, &Password::from(BOB_PASSWORD), now(3))?;
    let dump = read_everything(&mut bob).map_err(|r| Failure(r.message))?;
    bob.close()?;
    if dump != pristine.bob_dump {
        return Err(Failure(
            "the pristine copy does not read as Bob's data".into(),
        ));
    }
    fs::remove_dir_all(&scratch)?;
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The byte ranges of the objects in the registry's `profiles` array (the only array of objects at
/// the top level of the file).
fn entry_spans(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut stack: Vec<u8> = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    let mut start = 0;
    for (at, byte) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                if *byte == b'{' && stack.as_slice() == b"{[" {
                    start = at;
                }
                stack.push(*byte);
            }
            b'}' | b']' => {
                stack.pop();
                if *byte == b'}' && stack.as_slice() == b"{[" {
                    spans.push(start..at + 1);
                }
            }
            _ => {}
        }
    }
    spans
}

/// Where the base64 fields of `id`'s key slots lie in the registry text.
fn slot_fields(
    bytes: &[u8],
    value: &Value,
    id: &ProfileId,
    span: &Range<usize>,
) -> Result<Vec<SlotField>, Failure> {
    let entry = value["profiles"]
        .as_array()
        .and_then(|entries| entries.iter().find(|e| e["id"] == id.to_string()))
        .ok_or("Alice's entry is missing")?;
    let slots = entry["key_slots"].as_array().ok_or("no key slots")?;
    let mut fields = Vec::new();
    for (slot, stored) in slots.iter().enumerate() {
        for field in ["salt", "nonce", "wrapped_key"] {
            let text = stored[field].as_str().ok_or("a slot field is not text")?;
            let quoted = format!("\"{text}\"");
            let at = find(&bytes[span.clone()], quoted.as_bytes())
                .ok_or("a slot field is not in the entry's text")?
                + span.start
                + 1;
            fields.push(SlotField {
                slot,
                field,
                text: text.to_owned(),
                span: at..at + text.len(),
            });
        }
    }
    Ok(fields)
}

/// One flip, applied.
struct Flip {
    /// Where, in the target file.
    offset: usize,
    /// In words, for failure reports.
    what: String,
}

/// Applies a seeded flip of `target` to the scratch copy.
fn apply_flip(
    target: Target,
    pristine: &Pristine,
    scratch: &Path,
    backup: &Path,
    rng: &mut Rng,
) -> Result<Flip, Failure> {
    let mask = rng.mask();
    let flip_file = |path: &Path, offset: usize| -> Result<Flip, Failure> {
        let mut bytes = fs::read(path)?;
        let byte = bytes.get_mut(offset).ok_or("offset out of range")?;
        *byte ^= mask;
        fs::write(path, &bytes)?;
        Ok(Flip {
            offset,
            what: format!("byte {offset} ^ {mask:#04x}"),
        })
    };
    let ledger = scratch.join(&pristine.ledger_file);
    let registry = scratch.join("registry.json");
    let random_offset = |path: &Path, rng: &mut Rng| -> Result<usize, Failure> {
        let len = fs::metadata(path)?.len();
        Ok(usize::try_from(rng.below(len)).unwrap_or(0))
    };
    match target {
        Target::Ledger => {
            let offset = random_offset(&ledger, rng)?;
            flip_file(&ledger, offset)
        }
        Target::Wal => {
            let wal = log_path(&ledger);
            let offset = random_offset(&wal, rng)?;
            flip_file(&wal, offset)
        }
        Target::RegistryOneFile => {
            let (which, path) = if rng.below(2) == 0 {
                ("registry.json", registry.clone())
            } else {
                (REGISTRY_COPY, scratch.join(REGISTRY_COPY))
            };
            let mut flip = flip_file(&path, random_offset(&path, rng)?)?;
            flip.what = format!("{which} {}", flip.what);
            Ok(flip)
        }
        Target::Registry => {
            let offset = random_offset(&registry, rng)?;
            flip_file(&registry, offset)
        }
        Target::SlotText => {
            let total: usize = pristine.slot_fields.iter().map(|f| f.span.len()).sum();
            let mut pick = rng.index(total);
            let field = pristine
                .slot_fields
                .iter()
                .find(|f| {
                    let inside = pick < f.span.len();
                    if !inside {
                        pick -= f.span.len();
                    }
                    inside
                })
                .ok_or("no slot field")?;
            let mut flip = flip_file(&registry, field.span.start + pick)?;
            flip.what = format!(
                "{} (slot {} {} text, character {pick})",
                flip.what, field.slot, field.field
            );
            Ok(flip)
        }
        Target::SlotBytes | Target::SlotBytesResealed => {
            let field = &pristine.slot_fields[rng.index(pristine.slot_fields.len())];
            let mut decoded = BASE64
                .decode(&field.text)
                .map_err(|err| Failure(err.to_string()))?;
            let index = rng.index(decoded.len());
            decoded[index] ^= mask;
            let encoded = BASE64.encode(&decoded);
            let mut bytes = pristine.registry.clone();
            if encoded.len() != field.span.len() {
                return Err(Failure("re-encoding changed the field's length".into()));
            }
            bytes[field.span.clone()].copy_from_slice(encoded.as_bytes());
            if target == Target::SlotBytesResealed {
                let value: Value = serde_json::from_slice(&bytes)?;
                let entry = value["profiles"]
                    .as_array()
                    .and_then(|entries| {
                        entries
                            .iter()
                            .find(|e| e["id"] == pristine.alice.to_string())
                    })
                    .ok_or("Alice's entry is missing")?;
                let old = entry["checksum"].as_str().ok_or("no checksum")?;
                let new = coffer_vault::registry_entry_checksum(entry);
                let at = find(&bytes[pristine.alice_span.clone()], old.as_bytes())
                    .ok_or("the checksum is not in Alice's entry")?
                    + pristine.alice_span.start;
                bytes[at..at + old.len()].copy_from_slice(new.as_bytes());
            }
            fs::write(&registry, &bytes)?;
            Ok(Flip {
                offset: field.span.start,
                what: format!(
                    "slot {} {} byte {index} ^ {mask:#04x}{}",
                    field.slot,
                    field.field,
                    if target == Target::SlotBytesResealed {
                        ", checksum recomputed"
                    } else {
                        ""
                    }
                ),
            })
        }
        Target::Backup => {
            let offset = random_offset(backup, rng)?;
            flip_file(backup, offset)
        }
    }
}

/// What one way of opening a profile gave.
#[derive(Debug, Clone)]
enum Seen {
    Data(Dump),
    Refused(Refused),
    Panicked,
}

/// Runs `open` and reads everything from the session it gives, under `catch_unwind`.
fn seen(open: impl FnOnce() -> coffer_vault::Result<Session>) -> Seen {
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Dump, Refused> {
        let mut session = open()?;
        let dump = read_everything(&mut session);
        let closed = session.close();
        let dump = dump?;
        closed?;
        Ok(dump)
    }));
    match result {
        Ok(Ok(dump)) => Seen::Data(dump),
        Ok(Err(refused)) => Seen::Refused(refused),
        Err(_) => Seen::Panicked,
    }
}

/// What a flipped byte of Alice's log must do, predicted from the log's structure alone (the rule is
/// in `coffer_vault::wal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WalPrediction {
    /// Refused as `tampered_ledger`: damage no power cut leaves.
    Refused,
    /// Opened as of this commit: damage in the last transaction, as a power cut can leave it.
    Commit(usize),
    /// Opened unchanged: a stale frame after the last commit, which recovery never reads.
    Stale,
}

impl WalPrediction {
    /// The prediction for a flip of the byte at `offset` of the log laid out as `wal`.
    fn of(wal: &WalLayout, offset: usize) -> WalPrediction {
        let Some(surviving) = wal.commits_surviving(offset) else {
            return WalPrediction::Stale;
        };
        // In the header or in a transaction that another followed, which had therefore been fsynced.
        if surviving + 2 <= wal.commits.len() {
            return WalPrediction::Refused;
        }
        // A frame of the last transaction before its commit frame, given a commit size: it reads as a
        // damaged commit with another after it.
        let in_frames = offset.checked_sub(WAL_HEADER_LEN);
        let gets_a_commit_size = in_frames.is_some_and(|at| {
            let frame = at / wal.frame_len();
            (4..8).contains(&(at % wal.frame_len()))
                && wal.commits.last().is_some_and(|last| frame < *last)
        });
        if gets_a_commit_size {
            WalPrediction::Refused
        } else {
            WalPrediction::Commit(surviving)
        }
    }
}

/// One flip of `target` on a fresh copy, tried and classified into `figures`.
fn tamper_once(
    root: &Path,
    pristine: &Pristine,
    target: Target,
    rng: &mut Rng,
    figures: &mut TargetFigures,
) -> Result<(), Failure> {
    let scratch = root.join("scratch");
    if scratch.exists() {
        fs::remove_dir_all(&scratch)?;
    }
    copy_dir(&pristine.data, &scratch)?;
    let backup = root.join("scratch.cofferbackup");
    fs::copy(&pristine.backup, &backup)?;
    let flip = apply_flip(target, pristine, &scratch, &backup, rng)?;
    if target.in_both_registry_files() {
        fs::copy(scratch.join("registry.json"), scratch.join(REGISTRY_COPY))?;
    }
    // Read now: the recovery-code path below rewrites the registry.
    let flipped_registry: Option<Value> = fs::read(scratch.join("registry.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let vault = open_vault(&scratch)?;
    // Opening the folder repairs a registry file that differs from the other; compare before anything
    // else writes the registry.
    let both_as_pristine = target == Target::RegistryOneFile
        && ["registry.json", REGISTRY_COPY]
            .iter()
            .all(|name| fs::read(scratch.join(name)).ok().as_ref() == Some(&pristine.registry));
    let mut entropy = InsecureSeededEntropy::new(rng.next_u64());
    let alice_password = Password::from(ALICE_PASSWORD);
    let when = now(10);

    // Alice, the ways this target concerns.
    let mut alice: Vec<(&str, Seen)> = Vec::new();
    let mut left_behind = Vec::new();
    if target == Target::Backup {
        let _ = catch_unwind(AssertUnwindSafe(|| vault.read_backup_header(&backup)))
            .map_err(|_| alice.push(("backup header", Seen::Panicked)));
        alice.push((
            "restore",
            seen(|| {
                vault
                    .restore_as_new(
                        &backup,
                        BackupSecret::Password(&alice_password),
                        "Restored",
                        None,
                        when,
                        &mut entropy,
                    )
                    .map(|created| created.session)
            }),
        ));
        let profiles = scratch.join("profiles");
        for entry in fs::read_dir(&profiles)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                left_behind.push(name);
            }
        }
    }
    alice.push((
        "password",
        seen(|| vault.unlock(&pristine.alice, &alice_password, when)),
    ));
    if target.in_registry() {
        let code = RecoveryCode::parse(&pristine.recovery_code)?;
        alice.push((
            "recovery code",
            seen(|| vault.recover(&pristine.alice, &code, &alice_password, when, &mut entropy)),
        ));
    }
    let bob = seen(|| vault.unlock(&pristine.bob, &Password::from(BOB_PASSWORD), when));
    let registry_readable = vault.profiles().is_ok();
    let policy = vault.policy().ok();

    figures.flips += 1;
    let label = format!("{} ({})", flip.what, target.name());
    if !left_behind.is_empty() {
        figures.left_behind += 1;
        figures.detail(format!(
            "{label}: a refused restore left {left_behind:?} behind"
        ));
    }

    // Bob.
    let bob_hit = target.in_both_registry_files()
        && (pristine.bob_span.contains(&flip.offset) || !registry_readable);
    let mut bob_refusal = None;
    match &bob {
        Seen::Data(dump) if *dump == pristine.bob_dump => figures.bob_ok += 1,
        Seen::Data(dump) => {
            figures.bob_failures += 1;
            figures.detail(format!(
                "{label}: Bob reads different data: {}",
                dump.first_difference(&pristine.bob_dump)
            ));
        }
        Seen::Refused(refused) if bob_hit => {
            figures.bob_refused_own += 1;
            bob_refusal = Some(refused.code.clone());
        }
        Seen::Refused(refused) => {
            figures.bob_failures += 1;
            figures.detail(format!("{label}: Bob refused: {}", refused.message));
        }
        Seen::Panicked => {
            figures.panics += 1;
            figures.detail(format!("{label}: panic while reading Bob"));
        }
    }

    // Alice.
    let current = pristine.states.last().ok_or("no state")?;
    let predicted = (target == Target::Wal).then(|| WalPrediction::of(&pristine.wal, flip.offset));
    let mut refused: Option<String> = None;
    let mut earlier: Option<usize> = None;
    let mut identical = 0;
    let mut failed = false;
    for (way, outcome) in &alice {
        match outcome {
            Seen::Panicked => {
                figures.panics += 1;
                figures.detail(format!("{label}: panic ({way})"));
                failed = true;
            }
            Seen::Refused(r) => {
                refused.get_or_insert_with(|| r.code.clone());
            }
            Seen::Data(dump) if dump == current => identical += 1,
            Seen::Data(dump) => {
                let state = pristine.states.iter().position(|s| s == dump);
                match state {
                    Some(k) if predicted == Some(WalPrediction::Commit(k)) => {
                        earlier = Some(k);
                    }
                    Some(k) => {
                        figures.wrong_data += 1;
                        figures.detail(format!(
                            "{label}: Alice ({way}) opened as of commit {k} of the log (predicted {predicted:?})"
                        ));
                        failed = true;
                    }
                    None => {
                        figures.wrong_data += 1;
                        figures.detail(format!(
                            "{label}: Alice ({way}) opened with different data: {}",
                            dump.first_difference(current)
                        ));
                        failed = true;
                    }
                }
            }
        }
    }
    if target.in_registry()
        && let Some(policy) = policy
        && policy != pristine.policy
    {
        figures.wrong_data += 1;
        figures.detail(format!(
            "{label}: the house rules changed unnoticed: {policy:?} instead of {:?}",
            pristine.policy
        ));
        failed = true;
    }
    if failed {
        return Ok(());
    }
    if let Some(k) = earlier {
        if identical > 0 || refused.is_some() {
            figures.unexplained += 1;
            figures.detail(format!(
                "{label}: one way opened as of commit {k}, another differently"
            ));
            return Ok(());
        }
        figures.earlier_commit += 1;
        if !pristine.states[k].contains(MARKER) {
            figures.marker_lost += 1;
        }
        return Ok(());
    }
    if let Some(code) = refused.or(bob_refusal) {
        if predicted.is_some_and(|p| p != WalPrediction::Refused || code != "tampered_ledger") {
            figures.unexplained += 1;
            figures.detail(format!(
                "{label}: refused with {code}, predicted {predicted:?}"
            ));
            return Ok(());
        }
        *figures.refused.entry(code).or_default() += 1;
        return Ok(());
    }
    // Every way opened with the pristine data: only where the byte provably does not matter.
    let why = match target {
        Target::Ledger => {
            let page = u32::try_from(flip.offset / pristine.wal.page_size + 1).unwrap_or(0);
            if pristine.wal.pages.contains(&page) {
                Some("page superseded by the log")
            } else if !pristine.used_pages.contains(&page) {
                Some("free page")
            } else {
                None
            }
        }
        Target::Wal if predicted == Some(WalPrediction::Stale) => {
            Some("stale frame after the last commit")
        }
        Target::Registry => (flipped_registry.as_ref() == Some(&pristine.registry_value))
            .then_some("JSON whitespace"),
        Target::RegistryOneFile => both_as_pristine.then_some("mended from the other file"),
        _ => None,
    };
    match why {
        Some(why) => *figures.identical.entry(why).or_default() += 1,
        None => {
            figures.unexplained += 1;
            figures.detail(format!(
                "{label}: went unnoticed (every way opened with the pristine data)"
            ));
        }
    }
    Ok(())
}
