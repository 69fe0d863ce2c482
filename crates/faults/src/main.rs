//! `coffer-faults`: reproducible figures for "never lost, never half-read" — kills during work
//! (`crash`) and flipped bytes in every file (`tamper`). Prints a summary on stderr and one JSON line
//! on stdout; exits non-zero on any failure.
//!
//! ```text
//! coffer-faults crash  [--kills N=200] [--registry-kills N=50] [--seed S=1] [--rows R=100000] [--dir D] [--verbose]
//! coffer-faults tamper [--flips N=100] [--seed S=1] [--dir D]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use coffer_faults::Failure;
use coffer_faults::crash::{self, CrashConfig};
use coffer_faults::tamper::{self, TamperConfig};
use coffer_faults::workload::{self, Mode, WorkerOptions};

const USAGE: &str = "usage: coffer-faults crash [--kills N] [--registry-kills N] [--seed S] [--rows R] [--dir D] [--verbose]
       coffer-faults tamper [--flips N] [--seed S] [--dir D]";

/// The command line after the subcommand, as `--name value` pairs and flags.
struct Args(Vec<String>);

impl Args {
    fn take(&mut self, name: &str) -> Option<String> {
        let at = self.0.iter().position(|arg| arg == name)?;
        if at + 1 >= self.0.len() {
            return None;
        }
        let value = self.0.remove(at + 1);
        self.0.remove(at);
        Some(value)
    }

    fn flag(&mut self, name: &str) -> bool {
        let at = self.0.iter().position(|arg| arg == name);
        if let Some(at) = at {
            self.0.remove(at);
        }
        at.is_some()
    }

    fn number<T: std::str::FromStr>(&mut self, name: &str, default: T) -> Result<T, Failure> {
        match self.take(name) {
            None => Ok(default),
            Some(text) => text
                .parse()
                .map_err(|_| Failure(format!("{name} {text}: expected a number\n{USAGE}"))),
        }
    }

    fn path(&mut self, name: &str) -> Option<PathBuf> {
        self.take(name).map(PathBuf::from)
    }

    fn done(self) -> Result<(), Failure> {
        match self.0.first() {
            None => Ok(()),
            Some(extra) => Err(Failure(format!("unexpected argument {extra:?}\n{USAGE}"))),
        }
    }
}

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let command = argv.next();
    let args = Args(argv.collect());
    let result = match command.as_deref() {
        Some("crash") => crash_command(args),
        Some("tamper") => tamper_command(args),
        Some("worker") => worker_command(args),
        _ => Err(Failure(USAGE.to_owned())),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(failure) => {
            eprintln!("coffer-faults: {failure}");
            ExitCode::from(2)
        }
    }
}

fn crash_command(mut args: Args) -> Result<bool, Failure> {
    let exe = std::env::current_exe()?;
    let mut config = CrashConfig::new(exe);
    config.kills = args.number("--kills", config.kills)?;
    config.registry_kills = args.number("--registry-kills", config.registry_kills)?;
    config.seed = args.number("--seed", config.seed)?;
    config.rows = args.number("--rows", config.rows)?;
    config.dir = args.path("--dir");
    config.verbose = args.flag("--verbose");
    args.done()?;
    if config.rows == 0 {
        return Err(Failure("--rows must be at least 1".into()));
    }
    eprintln!(
        "coffer-faults crash: seed {}, {} workload kills + {} registry kills, {} rows per import",
        config.seed, config.kills, config.registry_kills, config.rows
    );
    let report = crash::run(config)?;
    eprintln!("{}", report.summary());
    println!("{}", report.json());
    Ok(report.failures.is_empty())
}

fn tamper_command(mut args: Args) -> Result<bool, Failure> {
    let mut config = TamperConfig::default();
    config.flips = args.number("--flips", config.flips)?;
    config.seed = args.number("--seed", config.seed)?;
    config.dir = args.path("--dir");
    args.done()?;
    eprintln!(
        "coffer-faults tamper: seed {}, {} flips per target",
        config.seed, config.flips
    );
    let report = tamper::run(&config)?;
    eprintln!("{}", report.summary());
    println!("{}", report.json());
    Ok(report.passed())
}

/// The crash test's child: never returns normally (it is killed).
fn worker_command(mut args: Args) -> Result<bool, Failure> {
    let data = args.path("--data").ok_or("worker: --data is required")?;
    let log = args.path("--log").ok_or("worker: --log is required")?;
    let mode = args.take("--mode").unwrap_or_else(|| "mixed".into());
    let mode = Mode::parse(&mode).ok_or("worker: --mode is mixed or registry")?;
    let options = WorkerOptions {
        seed: args.number("--seed", 1)?,
        generation: args.number("--generation", 0)?,
        rows: args.number("--rows", 100_000)?,
        max_batches: args.number("--max-batches", 3)?,
        announce: true,
    };
    args.done()?;
    workload::run_worker(&data, &log, mode, &options)?;
    Ok(true)
}
