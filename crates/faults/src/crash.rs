//! `coffer-faults crash`: kills a worker process running the workload at seeded random moments and
//! checks the profile after every kill.
//!
//! The parent creates the profile, runs a few operations itself to learn how long each kind takes,
//! then, for each kill: starts the worker (this binary's hidden `worker` subcommand), waits until the
//! worker announces an operation of the kind this kill aims at, sleeps a random fraction of that kind's
//! typical duration, and sends SIGKILL. It then checks the profile in-process (see [`verify`]) and
//! starts the next worker, which continues from whatever survived.
//!
//! Two series: the workload series (imports, undos, small writes, registry and preferences rewrites,
//! and some kills at any moment, startup included) and the registry series, whose worker does nothing
//! but rewrite the registry (password changes, house rules) and preferences.json.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use coffer_vault::{Error as VaultError, InsecureSeededEntropy, Password, ProfileId, RecoveryCode};
use serde_json::json;

use crate::check::{self, amount_of, category_name, overall_budget};
use crate::intent::{self, Event, Model, Op, Outcome, Phase};
use crate::workload::{self, Mode, Worker, WorkerOptions, now};
use crate::{Failure, open_vault, work_dir};
use coffer_synthetic::Rng;

/// How a crash run is set up.
#[derive(Debug, Clone)]
pub struct CrashConfig {
    /// Kills during the whole workload.
    pub kills: u32,
    /// Extra kills during registry and preferences rewrites only.
    pub registry_kills: u32,
    /// The run's seed.
    pub seed: u64,
    /// Rows per import.
    pub rows: u64,
    /// Where to work (kept); a temporary directory (removed unless something failed) if `None`.
    pub dir: Option<PathBuf>,
    /// The executable to start as the worker (with the `worker` subcommand).
    pub worker_exe: PathBuf,
    /// Imports kept before the oldest is undone.
    pub max_batches: usize,
    /// A line per kill on stderr.
    pub verbose: bool,
}

impl CrashConfig {
    /// The defaults: 200 workload kills, 50 registry kills, seed 1, 100,000 rows per import.
    pub fn new(worker_exe: PathBuf) -> CrashConfig {
        CrashConfig {
            kills: 200,
            registry_kills: 50,
            seed: 1,
            rows: 100_000,
            dir: None,
            worker_exe,
            max_batches: 3,
            verbose: false,
        }
    }
}

/// What a kill aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aim {
    /// The next operation of this phase.
    Phase(Phase),
    /// The next operation of this kind.
    Kind(&'static str),
    /// Any moment in the first `max_ms` milliseconds after the worker starts.
    Anywhere { max_ms: u64 },
}

/// What one kill found.
#[derive(Debug, Clone)]
struct KillRecord {
    phase: Phase,
    kind: Option<&'static str>,
    applied: Option<bool>,
    temp_left: bool,
}

/// The figures of a crash run.
#[derive(Debug, Clone, Default)]
pub struct CrashReport {
    /// The run's seed.
    pub seed: u64,
    /// Rows per import.
    pub rows: u64,
    /// Kills in the workload series.
    pub workload_kills: u32,
    /// Kills in the registry series.
    pub registry_kills: u32,
    /// Workload kills by the phase they landed in.
    pub phases: BTreeMap<&'static str, u32>,
    /// Registry-series kills by the operation in flight (`none` between operations).
    pub registry_ops: BTreeMap<&'static str, u32>,
    /// Kills whose operation in flight turned out committed (all its effects there).
    pub in_flight_committed: u32,
    /// Kills whose operation in flight turned out rolled back (none of its effects there).
    pub in_flight_rolled_back: u32,
    /// Registry-series kills that found the operation committed, and rolled back.
    pub registry_committed: u32,
    /// See `registry_committed`.
    pub registry_rolled_back: u32,
    /// Kills that found a temporary `.registry.json.tmp`, `.registry-copy.json.tmp` or
    /// `.preferences.json.tmp`: the kill landed
    /// inside an atomic rewrite, before its rename.
    pub temp_files_left: u32,
    /// Kills that did not see the operation they aimed at in time and were sent anyway.
    pub untargeted: u32,
    /// Individual checks passed (six per kill, plus the final ones).
    pub checks_passed: u64,
    /// Everything that went wrong; must be empty.
    pub failures: Vec<String>,
    /// Operations completed by workers and the parent.
    pub operations_completed: u64,
    /// Imports committed (and still present at the end).
    pub imports_committed: usize,
    /// Expenses in the ledger at the end.
    pub expenses_at_end: i64,
    /// Seconds spent checking after kills.
    pub check_seconds: f64,
    /// Seconds for the whole run.
    pub seconds: f64,
    /// The working directory, if it was kept.
    pub kept_dir: Option<PathBuf>,
}

impl CrashReport {
    /// The report as one JSON line.
    pub fn json(&self) -> String {
        json!({
            "mode": "crash",
            "seed": self.seed,
            "rows": self.rows,
            "kills": self.workload_kills + self.registry_kills,
            "workload_kills": self.workload_kills,
            "registry_kills": self.registry_kills,
            "phases": self.phases,
            "registry_series": self.registry_ops,
            "in_flight_committed": self.in_flight_committed,
            "in_flight_rolled_back": self.in_flight_rolled_back,
            "registry_committed": self.registry_committed,
            "registry_rolled_back": self.registry_rolled_back,
            "temp_files_left": self.temp_files_left,
            "untargeted": self.untargeted,
            "checks_passed": self.checks_passed,
            "failures": self.failures.len(),
            "operations_completed": self.operations_completed,
            "imports_committed": self.imports_committed,
            "expenses_at_end": self.expenses_at_end,
            "check_seconds": (self.check_seconds * 100.0).round() / 100.0,
            "seconds": (self.seconds * 100.0).round() / 100.0,
        })
        .to_string()
    }

    /// The report in words.
    pub fn summary(&self) -> String {
        let list = |counts: &BTreeMap<&'static str, u32>| {
            counts
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!(
            "coffer-faults crash (seed {}, {} rows per import): {} kills in {:.1} s ({:.1} s checking)\n\
             workload series, {} kills by phase: {}\n\
             registry series, {} kills by operation in flight: {}; committed {}, rolled back {}\n\
             operation in flight at a kill: committed entirely {}, rolled back entirely {}; \
             {} kills landed inside an atomic file rewrite (temporary file left); {} untargeted\n\
             {} operations completed, {} imports present at the end, {} expenses\n\
             checks passed: {}; failures: {}",
            self.seed,
            self.rows,
            self.workload_kills + self.registry_kills,
            self.seconds,
            self.check_seconds,
            self.workload_kills,
            list(&self.phases),
            self.registry_kills,
            list(&self.registry_ops),
            self.registry_committed,
            self.registry_rolled_back,
            self.in_flight_committed,
            self.in_flight_rolled_back,
            self.temp_files_left,
            self.untargeted,
            self.operations_completed,
            self.imports_committed,
            self.expenses_at_end,
            self.checks_passed,
            self.failures.len(),
        );
        for failure in &self.failures {
            text.push_str("\nFAILURE: ");
            text.push_str(failure);
        }
        if let Some(dir) = &self.kept_dir {
            text.push_str(&format!("\nthe data is kept in {}", dir.display()));
        }
        text
    }
}

/// The files of a run.
struct Paths {
    data: PathBuf,
    log: PathBuf,
    stderr: PathBuf,
}

/// A running worker and the lines it announces.
struct Running {
    child: Child,
    lines: Receiver<(Instant, String)>,
    spawned: Instant,
    spawned_at: SystemTime,
}

struct Run {
    config: CrashConfig,
    paths: Paths,
    rng: Rng,
    /// Typical duration of each operation kind, in seconds.
    typical: HashMap<String, f64>,
    report: CrashReport,
    generation: u64,
}

/// Runs the crash test described by `config`.
pub fn run(config: CrashConfig) -> Result<CrashReport, Failure> {
    let started = Instant::now();
    let (temp, root) = work_dir(config.dir.as_deref(), "coffer-faults-crash")?;
    let paths = Paths {
        data: root.join("data"),
        log: root.join("intent.log"),
        stderr: root.join("worker-stderr.log"),
    };
    let mut run = Run {
        rng: Rng::new(config.seed, 0xC2A5),
        typical: HashMap::new(),
        report: CrashReport {
            seed: config.seed,
            rows: config.rows,
            ..CrashReport::default()
        },
        generation: 0,
        config,
        paths,
    };
    let outcome = run.all();
    if let Err(err) = outcome {
        run.report.failures.push(err.0);
    }
    run.report.seconds = started.elapsed().as_secs_f64();
    if !run.report.failures.is_empty() || temp.is_none() {
        run.report.kept_dir = Some(match temp {
            Some(temp) => temp.keep(),
            None => root,
        });
    }
    Ok(run.report)
}

impl Run {
    fn all(&mut self) -> Result<(), Failure> {
        workload::setup(&self.paths.data, &self.paths.log, self.config.seed)?;
        self.calibrate()?;
        let aims = [
            (Aim::Phase(Phase::Import), 30),
            (Aim::Phase(Phase::Undo), 8),
            (Aim::Phase(Phase::SmallWrite), 30),
            (Aim::Phase(Phase::Registry), 15),
            (Aim::Phase(Phase::Preferences), 5),
            (Aim::Anywhere { max_ms: 1500 }, 12),
        ];
        let weights: Vec<u32> = aims.iter().map(|(_, w)| *w).collect();
        for index in 0..self.config.kills {
            let aim = aims[self.rng.weighted(&weights)].0;
            let record = self.kill(Mode::Mixed, aim)?;
            *self.report.phases.entry(record.phase.name()).or_default() += 1;
            self.report.workload_kills += 1;
            self.progress("workload", index, self.config.kills, &record);
            if !self.report.failures.is_empty() {
                return Ok(());
            }
        }
        let aims = [
            (Aim::Kind("policy"), 40),
            (Aim::Kind("password"), 40),
            (Aim::Kind("theme"), 5),
            (Aim::Anywhere { max_ms: 400 }, 15),
        ];
        let weights: Vec<u32> = aims.iter().map(|(_, w)| *w).collect();
        for index in 0..self.config.registry_kills {
            let aim = aims[self.rng.weighted(&weights)].0;
            let record = self.kill(Mode::Registry, aim)?;
            *self
                .report
                .registry_ops
                .entry(record.kind.unwrap_or("none"))
                .or_default() += 1;
            match record.applied {
                Some(true) => self.report.registry_committed += 1,
                Some(false) => self.report.registry_rolled_back += 1,
                None => {}
            }
            self.report.registry_kills += 1;
            self.progress("registry", index, self.config.registry_kills, &record);
            if !self.report.failures.is_empty() {
                return Ok(());
            }
        }
        self.finish()
    }

    fn progress(&self, series: &str, index: u32, of: u32, record: &KillRecord) {
        if self.config.verbose {
            eprintln!(
                "coffer-faults: {series} kill {}/{of}: {} ({}) {}{}",
                index + 1,
                record.phase.name(),
                record.kind.unwrap_or("-"),
                match record.applied {
                    Some(true) => "committed",
                    Some(false) => "rolled back",
                    None => "",
                },
                if record.temp_left {
                    ", temp file left"
                } else {
                    ""
                },
            );
        } else if (index + 1).is_multiple_of(25) || index + 1 == of {
            eprintln!(
                "coffer-faults: {series} series: {}/{of} kills checked",
                index + 1
            );
        }
    }

    /// Runs one of each operation in-process, to learn how long each kind takes.
    fn calibrate(&mut self) -> Result<(), Failure> {
        let options = WorkerOptions {
            seed: self.config.seed,
            generation: u64::MAX,
            rows: self.config.rows,
            max_batches: self.config.max_batches,
            announce: false,
        };
        let mut worker = Worker::start(&self.paths.data, &self.paths.log, &options)?;
        let seq = worker.model().next_seq;
        let category = worker.model().setup()?.category;
        let ops = [
            Op::Import {
                source: format!("batch-{seq}.csv"),
                rows: self.config.rows,
            },
            Op::Add {
                tag: format!("{}{}", workload::HAND_PREFIX, seq + 1),
                amount: 1234,
            },
            Op::Budget { amount: 250_000 },
            Op::Rename {
                category,
                name: format!("Faults {}", seq + 3),
            },
            Op::Password {
                new: format!("faults password {}", seq + 4),
            },
            Op::Policy {
                auto_lock_minutes: 7,
            },
            Op::Theme {
                theme: "dark".into(),
            },
        ];
        for op in &ops {
            let start = Instant::now();
            worker.run(op)?;
            self.typical
                .insert(op.kind().to_owned(), start.elapsed().as_secs_f64());
            self.report.operations_completed += 1;
        }
        let edit = Op::Edit {
            id: *worker
                .model()
                .hand
                .keys()
                .next()
                .ok_or("the calibration's expense is missing")?,
            was: 1234,
            amount: 4321,
        };
        let start = Instant::now();
        worker.run(&edit)?;
        let small = start.elapsed().as_secs_f64();
        self.typical.insert("edit".into(), small);
        self.typical.insert("delete".into(), small);
        let import = self.typical.get("import").copied().unwrap_or(1.0);
        self.typical.insert("undo".into(), import);
        self.report.operations_completed += 1;
        worker.close()?;
        self.verify_now("after calibration")
            .map_err(Failure)
            .map(drop)
    }

    fn typical(&self, kind: &str) -> f64 {
        self.typical.get(kind).copied().unwrap_or(0.05)
    }

    fn learn(&mut self, kind: &str, seconds: f64) {
        let typical = self.typical.entry(kind.to_owned()).or_insert(seconds);
        *typical = 0.7 * *typical + 0.3 * seconds;
    }

    fn spawn(&mut self, mode: Mode) -> Result<Running, Failure> {
        self.generation += 1;
        let stderr = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.paths.stderr)?;
        let mut child = Command::new(&self.config.worker_exe)
            .arg("worker")
            .arg("--data")
            .arg(&self.paths.data)
            .arg("--log")
            .arg(&self.paths.log)
            .args(["--mode", mode.name()])
            .args(["--seed", &self.config.seed.to_string()])
            .args(["--generation", &self.generation.to_string()])
            .args(["--rows", &self.config.rows.to_string()])
            .args(["--max-batches", &self.config.max_batches.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|err| {
                Failure(format!(
                    "cannot start the worker {}: {err}",
                    self.config.worker_exe.display()
                ))
            })?;
        let (spawned, spawned_at) = (Instant::now(), SystemTime::now());
        let stdout = child.stdout.take().ok_or("the worker has no stdout")?;
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send((Instant::now(), line)).is_err() {
                    break;
                }
            }
        });
        Ok(Running {
            child,
            lines,
            spawned,
            spawned_at,
        })
    }

    /// Starts a worker in `mode`, kills it as `aim` says, and checks what is left.
    fn kill(&mut self, mode: Mode, aim: Aim) -> Result<KillRecord, Failure> {
        let mut worker = self.spawn(mode)?;
        let mut starts: HashMap<u64, (String, Instant)> = HashMap::new();
        let targeted = match aim {
            Aim::Anywhere { max_ms } => {
                let delay = Duration::from_secs_f64(self.rng.unit() * max_ms as f64 / 1000.0);
                std::thread::sleep(delay.saturating_sub(worker.spawned.elapsed()));
                true
            }
            Aim::Phase(_) | Aim::Kind(_) => {
                let timeout = Duration::from_secs_f64(
                    (self.typical("import") * 4.0 + self.typical("undo") * 2.0).max(20.0),
                );
                let deadline = worker.spawned + timeout;
                let mut seen = None;
                while seen.is_none() {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match worker.lines.recv_timeout(left) {
                        Ok((at, line)) => {
                            if let Some(kind) = self.note(&line, at, &mut starts, Some(aim)) {
                                seen = Some(kind);
                            }
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => {
                            return Err(self.worker_died(&mut worker.child));
                        }
                    }
                }
                if let Some(kind) = &seen {
                    let typical = self.typical(kind);
                    let delay = self.rng.unit() * 1.1 * typical;
                    std::thread::sleep(Duration::from_secs_f64(delay));
                }
                seen.is_some()
            }
        };
        if let Ok(Some(_)) = worker.child.try_wait() {
            return Err(self.worker_died(&mut worker.child));
        }
        worker.child.kill()?;
        worker.child.wait()?;
        let temp_left = ["registry.json", "registry-copy.json", "preferences.json"]
            .iter()
            .any(|name| {
                fs::metadata(self.paths.data.join(format!(".{name}.tmp")))
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| modified >= worker.spawned_at)
            });
        // Learn from whatever the worker finished before it died.
        while let Ok((at, line)) = worker.lines.recv_timeout(Duration::from_millis(200)) {
            self.note(&line, at, &mut starts, None);
        }
        if !targeted {
            self.report.untargeted += 1;
        }
        let checked = Instant::now();
        let verified = self.verify_now("after a kill");
        self.report.check_seconds += checked.elapsed().as_secs_f64();
        let verified = match verified {
            Ok(verified) => verified,
            Err(failure) => {
                self.report.failures.push(failure);
                Verified::default()
            }
        };
        if temp_left {
            self.report.temp_files_left += 1;
        }
        match verified.applied {
            Some(true) => self.report.in_flight_committed += 1,
            Some(false) => self.report.in_flight_rolled_back += 1,
            None => {}
        }
        Ok(KillRecord {
            phase: verified.phase,
            kind: verified.kind,
            applied: verified.applied,
            temp_left,
        })
    }

    /// Reads one announced line: remembers starts, learns durations from completions, and answers the
    /// kind of a start that `aim` is waiting for.
    fn note(
        &mut self,
        line: &str,
        at: Instant,
        starts: &mut HashMap<u64, (String, Instant)>,
        aim: Option<Aim>,
    ) -> Option<String> {
        let mut words = line.split(' ');
        match (
            words.next(),
            words.next().and_then(|s| s.parse::<u64>().ok()),
        ) {
            (Some("S"), Some(seq)) => {
                let kind = words.next().unwrap_or("").to_owned();
                let phase = words.next().unwrap_or("");
                starts.insert(seq, (kind.clone(), at));
                let wanted = match aim {
                    Some(Aim::Phase(p)) => p.name() == phase,
                    Some(Aim::Kind(k)) => k == kind,
                    _ => false,
                };
                wanted.then_some(kind)
            }
            (Some("D"), Some(seq)) => {
                if let Some((kind, started)) = starts.remove(&seq) {
                    self.learn(&kind, at.duration_since(started).as_secs_f64());
                    self.report.operations_completed += 1;
                }
                None
            }
            _ => None,
        }
    }

    fn worker_died(&self, child: &mut Child) -> Failure {
        let status = child.wait().map(|s| s.to_string()).unwrap_or_default();
        let stderr = fs::read_to_string(&self.paths.stderr).unwrap_or_default();
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        Failure(format!(
            "the worker stopped on its own ({status}) before the kill: {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ))
    }

    /// [`verify`] under `catch_unwind`, counting its checks.
    fn verify_now(&mut self, when: &str) -> Result<Verified, String> {
        let entropy_seed = self.config.seed ^ (self.generation << 20) ^ 0x5EED;
        let (data, log) = (self.paths.data.clone(), self.paths.log.clone());
        let result = catch_unwind(AssertUnwindSafe(|| verify(&data, &log, entropy_seed)));
        match result {
            Ok(Ok(verified)) => {
                self.report.checks_passed += verified.checks;
                Ok(verified)
            }
            Ok(Err(failure)) => Err(format!("{when}: {}", failure.0)),
            Err(_) => Err(format!("{when}: the check panicked")),
        }
    }

    /// The last check, and the figures of the end state.
    fn finish(&mut self) -> Result<(), Failure> {
        self.verify_now("at the end").map_err(Failure).map(drop)?;
        let model = intent::replay(&intent::read(&self.paths.log, false)?)?;
        self.report.imports_committed = model.batches.len();
        let vault = open_vault(&self.paths.data)?;
        let id: ProfileId = model
            .setup()?
            .profile
            .parse()
            .map_err(|_| Failure("bad profile id".into()))?;
        let session = vault.unlock(
            &id,
            &Password::from(model.password.as_str()),
            now(model.next_seq),
        )?;
        self.report.expenses_at_end =
            session
                .connection()
                .query_row("SELECT count(*) FROM expense", [], |row| row.get(0))?;
        session.close()?;
        Ok(())
    }
}

/// What [`verify`] found about one kill.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The phase the kill landed in.
    pub phase: Phase,
    /// The kind of operation in flight, if any.
    pub kind: Option<&'static str>,
    /// Whether the operation in flight turned out committed (`None`: nothing in flight).
    pub applied: Option<bool>,
    /// How many checks passed.
    pub checks: u64,
}

impl Default for Verified {
    fn default() -> Self {
        Verified {
            phase: Phase::Between,
            kind: None,
            applied: None,
            checks: 0,
        }
    }
}

/// Whether `password` unlocks `id`: `Ok(false)` for a wrong password, `Err` for anything else.
fn unlocks(
    vault: &coffer_vault::Vault,
    id: &ProfileId,
    password: &str,
    seq: u64,
) -> Result<bool, Failure> {
    match vault.unlock(id, &Password::from(password), now(seq)) {
        Ok(session) => {
            no_torn_change(&session)?;
            session.close()?;
            Ok(true)
        }
        Err(VaultError::WrongPassword) => Ok(false),
        Err(err) => Err(Failure(format!("(a) unlocking failed: {err}"))),
    }
}

/// A killed process never tears a transaction in the log (each frame is one whole write, and the kill
/// stops later ones), so the session must not report a lost last change: that is for power cuts.
fn no_torn_change(session: &coffer_vault::Session) -> Result<(), Failure> {
    if session.lost_last_change() {
        return Err(Failure(
            "(a) after a process crash the session reports a torn last change, which only a power cut or damage can leave"
                .into(),
        ));
    }
    Ok(())
}

/// The theme in `preferences.json`, read strictly: Coffer falls back to the defaults on an unreadable
/// file, which would hide a torn write.
fn stored_theme(data: &Path) -> Result<String, Failure> {
    let path = data.join("preferences.json");
    let bytes = fs::read(&path).map_err(|err| Failure(format!("preferences.json: {err}")))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|err| Failure(format!("preferences.json is not JSON (torn write?): {err}")))?;
    if value["format"] != "coffer/preferences" || value["version"] != 1 {
        return Err(Failure(format!(
            "preferences.json is not Coffer's preferences: {value}"
        )));
    }
    value["theme"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| Failure("preferences.json has no theme".into()))
}

fn decided(applied: bool, applied_if: bool, kept_if: bool, what: &str) -> Result<bool, Failure> {
    match (applied_if, kept_if) {
        (true, _) => Ok(applied),
        (false, true) => Ok(!applied),
        (false, false) => Err(Failure(format!(
            "{what} is neither as before nor as after the operation in flight"
        ))),
    }
}

/// Checks the profile of the intent log at `log` in `data` after a kill, and resolves the operation
/// that was in flight (writing a `resolved` line):
///
/// * (a) it unlocks with the current password; if a password change was in flight, exactly one of the
///   old and the new password works;
/// * (b) `PRAGMA integrity_check` is ok;
/// * (c) every import is entirely present or absent and no expense belongs to an unrecorded import;
/// * (d) `month_total` equals a recomputation from `expense`;
/// * (e) the registry lists the profile undamaged, and both its key slots open (password, recovery
///   code);
/// * (f) every other committed change is there (amounts, deletions, budget, rename, house rules,
///   theme) and the operation in flight is there entirely or not at all.
pub fn verify(data: &Path, log: &Path, entropy_seed: u64) -> Result<Verified, Failure> {
    let events = intent::read(log, true)?;
    let mut model: Model = intent::replay(&events)?;
    let setup = model.setup()?.clone();
    let id: ProfileId = setup
        .profile
        .parse()
        .map_err(|_| Failure("the intent log's profile id is not valid".into()))?;
    let in_flight = model.in_flight.clone();
    let mut verified = Verified {
        phase: in_flight
            .as_ref()
            .map_or(Phase::Between, |(_, op)| op.phase()),
        kind: in_flight.as_ref().map(|(_, op)| op.kind()),
        ..Verified::default()
    };
    let seq = model.next_seq;
    let vault = open_vault(data)?;

    // (e), first half: the registry reads and lists the profile, undamaged.
    let listing = vault
        .profiles()
        .map_err(|err| Failure(format!("(e) the registry cannot be read: {err}")))?;
    match listing.as_slice() {
        [only] if only.id == id && only.damaged.is_none() => {}
        other => {
            return Err(Failure(format!(
                "(e) the registry lists {other:?} instead of the one healthy profile"
            )));
        }
    }

    // The registry and preferences operations are resolved before unlocking.
    let mut resolution: Option<(bool, Outcome)> = None;
    if let Some((_, op)) = &in_flight {
        match op {
            Op::Password { new } => {
                let old_works = unlocks(&vault, &id, &model.password, seq)?;
                let new_works = unlocks(&vault, &id, new, seq)?;
                let applied = match (old_works, new_works) {
                    (true, false) => false,
                    (false, true) => true,
                    (true, true) => {
                        return Err(Failure(
                            "(a) both the old and the new password unlock the profile".into(),
                        ));
                    }
                    (false, false) => {
                        return Err(Failure(
                            "(a) neither the old nor the new password unlocks the profile after a kill during a password change".into(),
                        ));
                    }
                };
                resolution = Some((applied, Outcome::Nothing));
            }
            Op::Policy { auto_lock_minutes } => {
                let found = vault.policy()?.auto_lock_minutes;
                let applied = decided(
                    true,
                    found == *auto_lock_minutes,
                    found == model.auto_lock_minutes,
                    "(f) the house rules",
                )?;
                resolution = Some((applied, Outcome::Nothing));
            }
            Op::Theme { theme } => {
                let found = stored_theme(data)?;
                let applied =
                    decided(true, found == *theme, found == model.theme, "(f) the theme")?;
                resolution = Some((applied, Outcome::Nothing));
            }
            _ => {}
        }
    }
    if let (Some((_, op)), Some((applied, outcome))) = (&in_flight, resolution) {
        // Applied to the model now so that the unlock below uses the password in force.
        if applied {
            model.apply_op(op, outcome)?;
        }
        model.in_flight = None;
    }

    // (a) The current password unlocks.
    let session = vault
        .unlock(&id, &Password::from(model.password.as_str()), now(seq))
        .map_err(|err| Failure(format!("(a) the profile does not unlock: {err}")))?;
    no_torn_change(&session)?;
    verified.checks += 1;
    let conn = session.connection();

    // The ledger operation in flight: entirely there, or not at all (the full checks below see halves).
    if let Some((_, op)) = &in_flight
        && resolution.is_none()
    {
        let (applied, outcome) = match op {
            Op::Import { source, .. } => {
                let found: Option<(i64, i64, i64)> = conn
                    .query_row(
                        "SELECT id, first_expense, last_expense FROM import_batch WHERE source = ?1",
                        [source],
                        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                    )
                    .map(Some)
                    .or_else(|err| match err {
                        coffer_vault::rusqlite::Error::QueryReturnedNoRows => Ok(None),
                        err => Err(err),
                    })?;
                match found {
                    Some((id, first, last)) => (true, Outcome::Batch { id, first, last }),
                    None => (false, Outcome::Nothing),
                }
            }
            Op::Undo { batch, .. } => {
                let present: i64 = conn.query_row(
                    "SELECT count(*) FROM import_batch WHERE id = ?1",
                    [batch],
                    |row| row.get(0),
                )?;
                (present == 0, Outcome::Nothing)
            }
            Op::Add { tag, .. } => {
                let mut statement =
                    conn.prepare("SELECT id FROM expense WHERE description = ?1")?;
                let ids: Vec<i64> = statement
                    .query_map([tag], |row| row.get(0))?
                    .collect::<Result<_, _>>()?;
                match ids.as_slice() {
                    [] => (false, Outcome::Nothing),
                    [id] => (true, Outcome::Expense { id: *id }),
                    _ => {
                        return Err(Failure(format!(
                            "(f) the expense {tag:?} was added {} times",
                            ids.len()
                        )));
                    }
                }
            }
            Op::Edit { id, was, amount } => {
                let found = amount_of(conn, *id)?;
                let applied = decided(
                    true,
                    found == Some(*amount),
                    found == Some(*was),
                    &format!("(f) the amount of expense {id} ({found:?})"),
                )?;
                (applied, Outcome::Nothing)
            }
            Op::Delete { id } => (amount_of(conn, *id)?.is_none(), Outcome::Nothing),
            Op::Budget { amount } => {
                let found = overall_budget(conn)?;
                let applied = decided(
                    true,
                    found == Some(*amount),
                    found == model.budget,
                    &format!("(f) the overall budget ({found:?})"),
                )?;
                (applied, Outcome::Nothing)
            }
            Op::Rename { category, name } => {
                let found = category_name(conn, *category)?;
                let applied = decided(
                    true,
                    found.as_deref() == Some(name.as_str()),
                    found.as_deref() == Some(model.category_name.as_str()),
                    &format!("(f) the category's name ({found:?})"),
                )?;
                (applied, Outcome::Nothing)
            }
            Op::Password { .. } | Op::Policy { .. } | Op::Theme { .. } => {
                return Err(Failure("unreachable: resolved above".into()));
            }
        };
        if applied {
            model.apply_op(op, outcome)?;
        }
        model.in_flight = None;
        resolution = Some((applied, outcome));
    }
    if let (Some((seq, _)), Some((applied, outcome))) = (&in_flight, resolution) {
        intent::IntentLog::open(log)?.append(&Event::Resolved {
            seq: *seq,
            applied,
            outcome,
        })?;
        verified.applied = Some(applied);
    }

    // (b) Every page reads and the structure holds.
    session
        .check_integrity()
        .map_err(|err| Failure(format!("(b) integrity_check: {err}")))?;
    verified.checks += 1;

    // (c), (d), (f).
    let findings = check::check_ledger(conn, &model)?;
    if !findings.batches.is_empty() {
        return Err(Failure(format!("(c) {}", findings.batches.join("; "))));
    }
    verified.checks += 1;
    if !findings.totals.is_empty() {
        return Err(Failure(format!("(d) {}", findings.totals.join("; "))));
    }
    verified.checks += 1;
    let mut changes = findings.changes;
    let policy = vault.policy()?.auto_lock_minutes;
    if policy != model.auto_lock_minutes {
        changes.push(format!(
            "auto-lock is {policy} minutes, the last committed change set {}",
            model.auto_lock_minutes
        ));
    }
    let theme = stored_theme(data)?;
    if theme != model.theme {
        changes.push(format!(
            "the theme is {theme}, the last committed change set {}",
            model.theme
        ));
    }
    if !changes.is_empty() {
        return Err(Failure(format!("(f) {}", changes.join("; "))));
    }
    verified.checks += 1;
    session.close()?;

    // (e), second half: the recovery slot opens too (it re-wraps the password slot under the same
    // password, which changes nothing the model knows).
    let code = RecoveryCode::parse(&setup.recovery_code)?;
    let mut entropy = InsecureSeededEntropy::new(entropy_seed);
    vault
        .recover(
            &id,
            &code,
            &Password::from(model.password.as_str()),
            now(seq),
            &mut entropy,
        )
        .map_err(|err| {
            Failure(format!(
                "(e) the recovery code does not open the profile: {err}"
            ))
        })?
        .close()?;
    let listing = vault.profiles()?;
    if listing.len() != 1 || listing.iter().any(|p| p.damaged.is_some()) {
        return Err(Failure(format!(
            "(e) after recovery the registry lists {listing:?}"
        )));
    }
    verified.checks += 1;
    Ok(verified)
}
