//! A private desktop for one end-to-end test: its own Xvfb display, D-Bus session bus with a
//! notification daemon (dunst) and a monitor recording every notification sent on the bus,
//! tauri-driver and data directory, all torn down (whole process groups) when dropped.
//! Nothing leaks into the developer's real session, and tests can run side by side.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::webdriver::{self, Session};

/// How long starting a helper program may take before the test fails.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A child process in its own process group; dropping it terminates the whole group, so
/// grandchildren (WebKitWebDriver, the app) go with it.
pub struct Group {
    name: &'static str,
    child: Child,
}

impl Group {
    fn spawn(name: &'static str, command: &mut Command) -> Result<Self, String> {
        let child = command
            .process_group(0)
            .spawn()
            .map_err(|e| format!("could not start {name}: {e}"))?;
        Ok(Self { name, child })
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-TERM", "--", &group])
            .stderr(Stdio::null())
            .status();
        let exited = webdriver::wait_until(Duration::from_secs(5), || {
            Ok(self.child.try_wait().map_err(|e| e.to_string())?.map(drop))
        });
        if exited.is_err() {
            eprintln!("{} ignored SIGTERM; killing its process group", self.name);
            let _ = Command::new("kill")
                .args(["-KILL", "--", &group])
                .stderr(Stdio::null())
                .status();
            let _ = self.child.wait();
        }
    }
}

/// The programs a desktop needs, or why they are missing.
pub fn prerequisites() -> Result<PathBuf, String> {
    for program in [
        "Xvfb",
        "dbus-daemon",
        "dbus-monitor",
        "dbus-send",
        "dunst",
        "xdotool",
        "twm",
        "WebKitWebDriver",
    ] {
        which(program)
            .ok_or_else(|| format!("`{program}` is not installed (run scripts/setup)"))?;
    }
    std::env::var_os("COFFER_TAURI_DRIVER")
        .map(PathBuf::from)
        .or_else(|| which("tauri-driver"))
        .or_else(|| {
            let home = std::env::var_os("HOME")?;
            let path = Path::new(&home).join(".cargo/bin/tauri-driver");
            path.is_file().then_some(path)
        })
        .ok_or_else(|| "`tauri-driver` is not installed (run scripts/setup)".to_owned())
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
    })
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn first_line(child: &mut Child, what: &str) -> Result<String, String> {
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| format!("{what}: no stdout"))?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("{what}: {e}"))?;
    let line = line.trim().to_owned();
    if line.is_empty() {
        Err(format!("{what} printed nothing"))
    } else {
        Ok(line)
    }
}

/// The folders under the desktop's root that the app is given (data, XDG folders, `TMPDIR`): made
/// before it starts, and scanned as everything it may have written.
const APP_DIRS: [&str; 6] = [
    "data",
    "xdg-data",
    "xdg-config",
    "xdg-cache",
    "xdg-runtime",
    "tmp",
];

/// One private desktop with Coffer running in it under WebDriver.
pub struct Desktop {
    /// The WebDriver session driving the Coffer window (None once quit).
    session: Option<Session>,
    /// Temporary root holding the data directory and the XDG directories.
    root: tempfile::TempDir,
    /// The X display (`:N`).
    display: String,
    /// The session bus address.
    bus: String,
    // Declared in teardown order: driver (and the app), then the notification daemon and the
    // monitor, then the bus, then the display.
    _driver: Group,
    _window_manager: Option<Group>,
    _monitor: Group,
    _dunst: Group,
    _dbus: Group,
    _xvfb: Group,
}

/// What a test adds to the standard desktop.
#[derive(Default)]
pub struct Extras<'a> {
    /// Added to the app's environment (test hooks such as a short auto-lock, which only debug
    /// builds honour).
    pub env: &'a [(&'a str, &'a str)],
    /// Runs a window manager (twm), without which X cannot minimise a window. Off by default:
    /// the other tests' screenshots show the bare window.
    pub window_manager: bool,
    /// A data folder to start from, as an earlier run of Coffer left it: copied in before the app
    /// starts.
    pub data: Option<&'a Path>,
}

/// A desktop notification as it crossed the bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Its title.
    pub summary: String,
    /// Its text.
    pub body: String,
}

/// Parses `dbus-monitor` output into the `Notify` calls it saw: the arguments are app name,
/// replaces id, icon, summary, body, …, and each string argument is printed as `string "…"`.
fn parse_notify_calls(log: &str) -> Vec<Sent> {
    log.split("member=Notify")
        .skip(1)
        .map(|call| {
            let call = call.split("\nmethod call").next().unwrap_or(call);
            let strings: Vec<String> = call
                .lines()
                .filter_map(|l| l.trim().strip_prefix("string \""))
                .map(|s| s.strip_suffix('"').unwrap_or(s).to_owned())
                .collect();
            Sent {
                summary: strings.get(2).cloned().unwrap_or_default(),
                body: strings.get(3).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// Starts twm on `display`, placing windows by itself (no click needed) and showing its icon
/// manager, whose window tells that twm is up.
fn start_window_manager(display: &str, root: &Path) -> Result<Group, String> {
    let rc = root.join("twmrc");
    std::fs::write(&rc, "RandomPlacement\nShowIconManager\n").map_err(|e| e.to_string())?;
    let twm = Group::spawn(
        "twm",
        Command::new("twm")
            .args(["-display", display, "-f"])
            .arg(&rc)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )?;
    webdriver::wait_until(START_TIMEOUT, || {
        let found = Command::new("xdotool")
            .args(["search", "--name", "Icon Manager"])
            .env("DISPLAY", display)
            .output()
            .is_ok_and(|out| out.status.success() && !out.stdout.is_empty());
        Ok(found.then_some(()))
    })
    .map_err(|e| format!("twm never started: {e}"))?;
    Ok(twm)
}

/// Whether `name` has an owner on the bus at `address`.
fn bus_has_owner(address: &str, name: &str) -> bool {
    Command::new("dbus-send")
        .args([
            &format!("--bus={address}"),
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            &format!("string:{name}"),
        ])
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
}

impl Desktop {
    /// Starts a display, a bus, tauri-driver and the app with a fresh data directory, and what
    /// `extras` adds.
    pub fn start_with(extras: &Extras<'_>) -> Result<Self, String> {
        let driver_bin = prerequisites()?;
        let root = tempfile::Builder::new()
            .prefix("coffer-e2e-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        Self::start_in(root, &driver_bin, extras)
    }

    fn start_in(
        root: tempfile::TempDir,
        driver_bin: &Path,
        extras: &Extras<'_>,
    ) -> Result<Self, String> {
        let mut xvfb = Group::spawn(
            "Xvfb",
            Command::new("Xvfb")
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )?;
        let display = format!(":{}", first_line(&mut xvfb.child, "Xvfb")?);

        let mut dbus = Group::spawn(
            "dbus-daemon",
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )?;
        let bus = first_line(&mut dbus.child, "dbus-daemon")?;

        for dir in APP_DIRS {
            std::fs::create_dir_all(root.path().join(dir)).map_err(|e| e.to_string())?;
        }
        if let Some(data) = extras.data {
            crate::data_folder::copy_data_folder(data, &root.path().join("data"))
                .map_err(|e| format!("seeding the data: {e}"))?;
        }

        // The notification service, as on a real desktop; its own empty config directory so
        // no personal dunstrc applies.
        let dunst = Group::spawn(
            "dunst",
            Command::new("dunst")
                .env("DISPLAY", &display)
                .env("DBUS_SESSION_BUS_ADDRESS", &bus)
                .env("XDG_CONFIG_HOME", root.path().join("xdg-config"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        webdriver::wait_until(START_TIMEOUT, || {
            Ok(bus_has_owner(&bus, "org.freedesktop.Notifications").then_some(()))
        })
        .map_err(|e| format!("dunst never owned org.freedesktop.Notifications: {e}"))?;

        // Every Notify call on the bus, as the notification service receives it.
        let log_path = root.path().join("notifications.log");
        let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
        let monitor = Group::spawn(
            "dbus-monitor",
            Command::new("dbus-monitor")
                .args([
                    "--address",
                    &bus,
                    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                ])
                .stdout(log)
                .stderr(Stdio::null()),
        )?;
        // It prints its own connection's NameAcquired/NameLost signals once it is listening.
        webdriver::wait_until(START_TIMEOUT, || {
            Ok(std::fs::metadata(&log_path)
                .is_ok_and(|m| m.len() > 0)
                .then_some(()))
        })
        .map_err(|e| format!("dbus-monitor never started listening: {e}"))?;
        let window_manager = if extras.window_manager {
            Some(start_window_manager(&display, root.path())?)
        } else {
            None
        };
        let port = free_port()?;
        let native_port = free_port()?;
        let driver = Group::spawn(
            "tauri-driver",
            Command::new(driver_bin)
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
                .env("DISPLAY", &display)
                .env("DBUS_SESSION_BUS_ADDRESS", &bus)
                .env("COFFER_DATA_DIR", root.path().join("data"))
                .env("XDG_DATA_HOME", root.path().join("xdg-data"))
                .env("XDG_CONFIG_HOME", root.path().join("xdg-config"))
                .env("XDG_CACHE_HOME", root.path().join("xdg-cache"))
                .env("XDG_RUNTIME_DIR", root.path().join("xdg-runtime"))
                .env("TMPDIR", root.path().join("tmp"))
                .env("GDK_BACKEND", "x11")
                .env("LIBGL_ALWAYS_SOFTWARE", "1")
                .env("NO_AT_BRIDGE", "1")
                .envs(extras.env.iter().copied())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        webdriver::wait_until(START_TIMEOUT, || {
            Ok(TcpStream::connect(("127.0.0.1", port)).ok())
        })
        .map_err(|e| format!("tauri-driver did not listen on {port}: {e}"))?;

        let app = env!("CARGO_BIN_EXE_coffer");
        // tauri-driver listens before its WebKitWebDriver is ready, and meanwhile drops
        // connections; a transport error therefore means "not ready yet", while a WebDriver
        // error answer is final.
        let mut last = String::new();
        let session = webdriver::wait_until(START_TIMEOUT, || {
            match Session::start(port, app, &[], Duration::from_secs(60)) {
                Ok(session) => Ok(Some(session)),
                Err(e) if e.contains(": io:") => {
                    last = e;
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        })
        .map_err(|e| format!("{e}; last attempt: {last}"))?;
        Ok(Self {
            session: Some(session),
            root,
            display,
            bus,
            _driver: driver,
            _window_manager: window_manager,
            _monitor: monitor,
            _dunst: dunst,
            _dbus: dbus,
            _xvfb: xvfb,
        })
    }

    /// The WebDriver session.
    pub fn app(&self) -> &Session {
        self.session
            .as_ref()
            .expect("session is present until drop")
    }

    /// The app's data directory.
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Every desktop notification sent so far, oldest first.
    pub fn notifications(&self) -> Vec<Sent> {
        let log =
            std::fs::read_to_string(self.root.path().join("notifications.log")).unwrap_or_default();
        parse_notify_calls(&log)
    }

    /// Waits until `count` notifications were sent, and returns them.
    pub fn wait_notifications(&self, count: usize, timeout: Duration) -> Result<Vec<Sent>, String> {
        webdriver::wait_until(timeout, || {
            let sent = self.notifications();
            Ok((sent.len() >= count).then_some(sent))
        })
        .map_err(|e| {
            format!(
                "{count} notification(s) expected, saw {:?}: {e}",
                self.notifications()
            )
        })
    }

    /// Drags `file` onto the middle of the Coffer window the way a person does from a file
    /// manager: a GTK window offers the file's URI as an XDND drag source, and `xdotool` presses
    /// on it, moves the pointer onto Coffer in steps and releases.
    pub fn drag_file(&self, file: &Path) -> Result<(), String> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/drag_source.py");
        let mut source = Group::spawn(
            "drag source",
            Command::new("/usr/bin/python3")
                .arg(script)
                .arg(format!("file://{}", file.display()))
                .env("DISPLAY", &self.display)
                .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
                .env("GDK_BACKEND", "x11")
                .env("NO_AT_BRIDGE", "1")
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )?;
        if first_line(&mut source.child, "drag source")? != "ready" {
            return Err("the drag source did not start".into());
        }
        let geometry = self.xdotool(&[
            "search",
            "--onlyvisible",
            "--name",
            "^Coffer$",
            "getwindowgeometry",
            "--shell",
        ])?;
        let value = |key: &str| -> Result<i64, String> {
            geometry
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| format!("no {key} in the window geometry: {geometry}"))
        };
        let (x, y) = (
            value("X")? + value("WIDTH")? / 2,
            value("Y")? + value("HEIGHT")? / 2,
        );
        // Press on the source, then move in steps so both toolkits see an XDND enter and
        // motion over the target before the drop (pacing input, not waiting for a condition).
        let mut args: Vec<String> = ["mousemove", "--sync", "60", "60", "mousedown", "1"]
            .map(String::from)
            .to_vec();
        for step in 1..=20 {
            args.extend([
                "mousemove".into(),
                (60 + (x - 60) * step / 20).to_string(),
                (60 + (y - 60) * step / 20).to_string(),
                "sleep".into(),
                "0.05".into(),
            ]);
        }
        args.extend(["mouseup".into(), "1".into()]);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.xdotool(&refs)?;
        webdriver::wait_until(START_TIMEOUT, || {
            Ok(source
                .child
                .try_wait()
                .map_err(|e| e.to_string())?
                .map(drop))
        })
        .map_err(|e| format!("the drag never ended: {e}"))
    }

    /// Answers the native save dialog titled `title` as a person does: once the GTK file chooser
    /// is on screen, replaces the proposed name with the full path of `file` and presses Return.
    pub fn answer_save_dialog(&self, title: &str, file: &Path) -> Result<(), String> {
        self.answer_file_dialog(title, "ctrl+a", file)
    }

    /// Answers the native open dialog titled `title` as a person does: opens the chooser's
    /// location field (Ctrl+L), types the full path of `file` and presses Return.
    pub fn answer_open_dialog(&self, title: &str, file: &Path) -> Result<(), String> {
        self.answer_file_dialog(title, "ctrl+l", file)
    }

    /// Waits for the GTK file chooser titled `title`, presses `select_field` (the keys that put the
    /// cursor in an empty name or location field), types `file`'s full path and presses Return, then
    /// waits until the chooser is gone.
    fn answer_file_dialog(
        &self,
        title: &str,
        select_field: &str,
        file: &Path,
    ) -> Result<(), String> {
        let pattern = format!("^{title}$");
        let window = webdriver::wait_until(START_TIMEOUT, || {
            // `search` fails while no window matches yet.
            Ok(self
                .xdotool(&["search", "--onlyvisible", "--name", &pattern])
                .ok()
                .and_then(|out| out.lines().next().map(str::to_owned)))
        })
        .map_err(|e| format!("the file dialog “{title}” never appeared: {e}"))?;
        let path = file.to_str().ok_or("the path is not UTF-8")?;
        self.xdotool(&["windowfocus", "--sync", &window])?;
        self.xdotool(&["key", "--clearmodifiers", select_field])?;
        self.xdotool(&["type", "--clearmodifiers", "--delay", "2", path])?;
        // Return accepts the path. GTK's location field may first take a Return to accept its
        // own completion of what was typed, so press it again while the chooser stays open.
        let mut last_return: Option<std::time::Instant> = None;
        webdriver::wait_until(START_TIMEOUT, || {
            if self
                .xdotool(&["search", "--onlyvisible", "--name", &pattern])
                .is_err()
            {
                return Ok(Some(()));
            }
            if last_return.is_none_or(|t| t.elapsed() > Duration::from_secs(1)) {
                self.xdotool(&["key", "--clearmodifiers", "Return"])?;
                last_return = Some(std::time::Instant::now());
            }
            Ok(None)
        })
        .map_err(|e| format!("the file dialog “{title}” did not close: {e}"))
    }

    /// Minimises Coffer's window the way a window manager's minimise button does (an ICCCM iconify
    /// request, which `xdotool windowminimize` sends, and which only a window manager carries out:
    /// start the desktop with [`Extras::window_manager`]).
    pub fn minimise_window(&self) -> Result<(), String> {
        let window = webdriver::wait_until(START_TIMEOUT, || {
            Ok(self
                .xdotool(&["search", "--onlyvisible", "--name", "^Coffer$"])
                .ok()
                .and_then(|out| out.lines().next().map(str::to_owned)))
        })
        .map_err(|e| format!("Coffer's window was not found: {e}"))?;
        self.xdotool(&["windowminimize", "--sync", &window])
            .map(drop)
    }

    fn xdotool(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .map_err(|e| format!("xdotool: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "xdotool {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Every directory the app may have written to: its data, WebKit's and GTK's XDG data,
    /// config, cache and runtime folders, and its temporary folder (`TMPDIR`).
    pub fn written_dirs(&self) -> Vec<PathBuf> {
        APP_DIRS.iter().map(|d| self.root.path().join(d)).collect()
    }

    /// Saves a screenshot as `target/e2e-screenshots/<name>.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let png = self.app().screenshot()?;
        if !png.starts_with(b"\x89PNG") {
            return Err(format!("screenshot {name} is not a PNG"));
        }
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            let _ = session.quit();
        }
    }
}

/// `target/e2e-screenshots` in the repository (even when the build itself lives elsewhere).
pub fn screenshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots")
}
