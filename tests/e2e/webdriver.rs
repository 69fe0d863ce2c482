//! A small synchronous W3C WebDriver client: the handful of calls our end-to-end tests make
//! (session, find, click, type, keys, script, screenshot), over plain HTTP to a local
//! tauri-driver. Small enough to read in one sitting, and it keeps tokio/TLS out of tests.

use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The W3C key code for the Control key.
pub const CONTROL: &str = "\u{E009}";
/// The W3C key code for Enter.
pub const ENTER: &str = "\u{E007}";

/// The W3C element identifier key.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver session against one application window.
pub struct Session {
    agent: ureq::Agent,
    base: String,
    id: String,
}

/// An element found in the page.
#[derive(Debug, Clone)]
pub struct Element(String);

/// What went wrong talking to the driver.
pub type Result<T> = std::result::Result<T, String>;

impl Session {
    /// Starts a session that launches `application` with `args` (tauri-driver's capabilities).
    pub fn start(port: u16, application: &str, args: &[&str], timeout: Duration) -> Result<Self> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "tauri:options": { "application": application, "args": args }
            }}
        });
        let value = call(&agent, "POST", &format!("{base}/session"), Some(caps))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no sessionId in {value}"))?
            .to_owned();
        Ok(Self { agent, base, id })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.id, path)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        call(&self.agent, "POST", &self.url(path), Some(body))
    }

    fn get(&self, path: &str) -> Result<Value> {
        call(&self.agent, "GET", &self.url(path), None)
    }

    /// The first element matching a CSS selector, if any.
    pub fn find(&self, css: &str) -> Result<Option<Element>> {
        let found = self.post("/elements", json!({"using": "css selector", "value": css}))?;
        Ok(found
            .as_array()
            .and_then(|list| list.first())
            .and_then(|e| e[ELEMENT_KEY].as_str())
            .map(|id| Element(id.to_owned())))
    }

    /// Waits until `css` matches a displayed element, and returns it.
    pub fn wait_visible(&self, css: &str, timeout: Duration) -> Result<Element> {
        let mut last = None;
        let found = wait_until(timeout, || {
            let element = self.find(css)?;
            if let Some(element) = &element
                && self.is_displayed(element)?
            {
                return Ok(Some(element.clone()));
            }
            last = element;
            Ok(None)
        });
        found.map_err(|e| {
            format!(
                "{e} (waiting for visible `{css}`; present but hidden: {})",
                last.is_some()
            )
        })
    }

    /// Whether an element is rendered and visible.
    ///
    /// WebKitWebDriver's own `displayed` endpoint reports elements inside a `position:
    /// sticky` bar as hidden, so this asks the page itself.
    pub fn is_displayed(&self, element: &Element) -> Result<bool> {
        let visible = self.post(
            "/execute/sync",
            json!({
                "script": "const e = arguments[0]; const s = getComputedStyle(e); \
                           return e.getClientRects().length > 0 && s.visibility !== 'hidden' \
                           && (typeof e.checkVisibility !== 'function' || e.checkVisibility({opacityProperty: true}));",
                "args": [{ ELEMENT_KEY: element.0 }]
            }),
        )?;
        Ok(visible.as_bool().unwrap_or(false))
    }

    /// Clicks an element.
    pub fn click(&self, element: &Element) -> Result<()> {
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .map(drop)
    }

    /// Clears a text field.
    pub fn clear(&self, element: &Element) -> Result<()> {
        self.post(&format!("/element/{}/clear", element.0), json!({}))
            .map(drop)
    }

    /// Types text into an element (W3C key codes such as [`ENTER`] allowed).
    pub fn type_text(&self, element: &Element, text: &str) -> Result<()> {
        self.post(
            &format!("/element/{}/value", element.0),
            json!({"text": text}),
        )
        .map(drop)
    }

    /// The rendered text of an element (`innerText`, for the same reason as
    /// [`Session::is_displayed`]).
    pub fn text(&self, element: &Element) -> Result<String> {
        let text = self.post(
            "/execute/sync",
            json!({"script": "return arguments[0].innerText;", "args": [{ ELEMENT_KEY: element.0 }]}),
        )?;
        Ok(text.as_str().unwrap_or_default().trim().to_owned())
    }

    /// Presses `key` while holding Control, as a person's chord on the keyboard.
    pub fn chord_control(&self, key: &str) -> Result<()> {
        let actions = json!({"actions": [{
            "type": "key", "id": "keyboard",
            "actions": [
                {"type": "keyDown", "value": CONTROL},
                {"type": "keyDown", "value": key},
                {"type": "keyUp", "value": key},
                {"type": "keyUp", "value": CONTROL}
            ]
        }]});
        self.post("/actions", actions).map(drop)
    }

    /// Runs a synchronous script and returns its value.
    pub fn script(&self, body: &str, args: Value) -> Result<Value> {
        self.post("/execute/sync", json!({"script": body, "args": args}))
    }

    /// Waits until `body` (a script returning a JSON value) returns `expected`.
    pub fn wait_script(&self, body: &str, expected: &Value, timeout: Duration) -> Result<()> {
        let mut last = Value::Null;
        wait_until(timeout, || {
            last = self.script(body, json!([]))?;
            Ok((last == *expected).then_some(()))
        })
        .map_err(|e| format!("{e}: `{body}` stayed {last}, expected {expected}"))
    }

    /// A PNG screenshot of the window, taken after the page has painted twice more, so the
    /// picture shows the DOM as it is now rather than a frame from before the last change.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        self.post(
            "/execute/async",
            json!({
                "script": "const done = arguments[arguments.length - 1]; \
                           requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": []
            }),
        )?;
        let b64 = self.get("/screenshot")?;
        base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap_or_default())
            .map_err(|e| format!("screenshot is not base64: {e}"))
    }

    /// Ends the session (the driver closes the app).
    pub fn quit(self) -> Result<()> {
        call(&self.agent, "DELETE", &self.url(""), None).map(drop)
    }
}

/// Polls `probe` until it yields a value or `timeout` passes. The pause between probes is
/// short and only paces the polling; success is decided by the condition, never by time.
pub fn wait_until<T>(timeout: Duration, mut probe: impl FnMut() -> Result<Option<T>>) -> Result<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = probe()? {
            return Ok(value);
        }
        if start.elapsed() > timeout {
            return Err(format!("condition not met within {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn call(agent: &ureq::Agent, method: &str, url: &str, body: Option<Value>) -> Result<Value> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, Some(body)) => agent.post(url).send_json(body),
        (_, None) => agent.post(url).send_empty(),
    };
    let mut response = response.map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let json: Value = response
        .body_mut()
        .read_json()
        .map_err(|e| format!("{method} {url}: bad JSON: {e}"))?;
    let value = json.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        Ok(value)
    } else {
        Err(format!("{method} {url} -> {status}: {}", value))
    }
}
