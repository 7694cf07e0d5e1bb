//! A small WebDriver client for the real Loket TTE window.
//!
//! Each test starts `tauri-driver` (which starts WebKitWebDriver, which starts
//! the app) with its own temporary data folder, opens a session and drives
//! the window like a person would: clicking, typing, reading what is shown.
//! When a test fails, a screenshot of the window is saved under
//! `target/e2e-screenshots/` before the session closes.
//!
//! Needs: a display (run under `xvfb-run`), `tauri-driver` on PATH or in
//! `~/.cargo/bin`, `WebKitWebDriver` (Debian's webkit2gtk-driver), and the
//! built app (`cargo build -p loket-tte`); `make test-e2e` provides all of it.

use base64::Engine;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long to wait for something to appear before failing.
pub const WAIT: Duration = Duration::from_secs(15);

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The built app: `LOKET_APP`, else `target/debug/loket-tte`.
pub fn app_binary() -> PathBuf {
    std::env::var_os("LOKET_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/loket-tte"))
}

/// The built CLI: `LOKET_CLI`, else `target/debug/loket`.
pub fn cli_binary() -> PathBuf {
    std::env::var_os("LOKET_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/loket"))
}

fn tauri_driver() -> PathBuf {
    if let Some(home) = std::env::var_os("HOME") {
        let p = PathBuf::from(home).join(".cargo/bin/tauri-driver");
        if p.exists() {
            return p;
        }
    }
    PathBuf::from("tauri-driver")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

/// Runs the CLI on a data folder and returns its stdout (panics on failure).
pub fn cli(data_dir: &Path, args: &[&str]) -> String {
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("the CLI runs (build it with cargo build -p loket-cli)");
    assert!(
        out.status.success(),
        "loket {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the CLI feeding `stdin`.
pub fn cli_with_stdin(data_dir: &Path, args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("CLI finishes");
    assert!(
        out.status.success(),
        "loket {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A running app with an open WebDriver session.
pub struct App {
    name: String,
    driver: Child,
    agent: ureq::Agent,
    base: String,
    session: String,
}

impl App {
    /// Starts the app on `data_dir`. `name` names the failure screenshot.
    pub fn launch(name: &str, data_dir: &Path) -> App {
        App::launch_with(name, data_dir, &[])
    }

    /// Starts the app with extra environment variables, e.g.
    /// `LOKET_TEST_DIALOG` to answer native file dialogs (debug builds).
    pub fn launch_with(name: &str, data_dir: &Path, env: &[(&str, &str)]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the end-to-end tests under xvfb-run (make test-e2e)"
        );
        let app = app_binary();
        assert!(
            app.exists(),
            "{} does not exist: build it first with cargo build -p loket-tte",
            app.display()
        );
        let port = free_port();
        let native = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("LOKET_DATA_DIR", data_dir)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --locked)");
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build();
        let base = format!("http://127.0.0.1:{port}");
        let mut app_handle = App {
            name: name.to_string(),
            driver,
            agent,
            base,
            session: String::new(),
        };
        let start = Instant::now();
        while app_handle
            .agent
            .get(&format!("{}/status", app_handle.base))
            .call()
            .is_err()
        {
            assert!(
                start.elapsed() < WAIT,
                "tauri-driver did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": { "application": app.display().to_string() }
                }
            }
        });
        let resp = app_handle.post("/session", caps);
        app_handle.session = resp["sessionId"]
            .as_str()
            .or_else(|| resp["value"]["sessionId"].as_str())
            .expect("a session id")
            .to_string();
        app_handle
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.session, path)
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let url = if path == "/session" {
            format!("{}/session", self.base)
        } else {
            self.url(path)
        };
        match self.agent.post(&url).send_json(body) {
            Ok(r) => r.into_json().unwrap_or(Value::Null),
            Err(ureq::Error::Status(code, r)) => {
                let text = r.into_string().unwrap_or_default();
                panic!("WebDriver POST {path} failed with {code}: {text}")
            }
            Err(e) => panic!("WebDriver POST {path} failed: {e}"),
        }
    }

    fn try_post(&self, path: &str, body: Value) -> Result<Value, String> {
        match self.agent.post(&self.url(path)).send_json(body) {
            Ok(r) => Ok(r.into_json().unwrap_or(Value::Null)),
            Err(ureq::Error::Status(code, r)) => {
                Err(format!("{code}: {}", r.into_string().unwrap_or_default()))
            }
            Err(e) => Err(e.to_string()),
        }
    }

    fn get(&self, path: &str) -> Value {
        self.try_get(path)
            .unwrap_or_else(|e| panic!("WebDriver GET {path} failed: {e}"))
    }

    fn try_get(&self, path: &str) -> Result<Value, String> {
        match self.agent.get(&self.url(path)).call() {
            Ok(r) => Ok(r.into_json().unwrap_or(Value::Null)),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Finds an element now, if it is there.
    pub fn try_find(&self, css: &str) -> Option<String> {
        let v = self
            .try_post("/element", json!({"using": "css selector", "value": css}))
            .ok()?;
        v["value"]
            .as_object()?
            .values()
            .next()?
            .as_str()
            .map(str::to_string)
    }

    /// Waits until an element matching `css` exists and returns its id.
    pub fn wait(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(id) = self.try_find(css) {
                return id;
            }
            assert!(start.elapsed() < WAIT, "element {css} did not appear");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until no element matches `css`.
    pub fn wait_gone(&self, css: &str) {
        let start = Instant::now();
        while self.try_find(css).is_some() {
            assert!(start.elapsed() < WAIT, "element {css} did not go away");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&self, css: &str) {
        let id = self.wait(css);
        // The element may be re-rendered between finding and clicking.
        let start = Instant::now();
        loop {
            match self.try_post(&format!("/element/{id}/click"), json!({})) {
                Ok(_) => return,
                Err(e) if start.elapsed() > WAIT => panic!("click on {css} failed: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Clears a field and types `text` into it, key by key.
    /// A field re-rendered while it is being filled is found again and
    /// filled from the start.
    pub fn fill(&self, css: &str, text: &str) {
        let start = Instant::now();
        loop {
            let id = self.wait(css);
            let typed = self
                .try_post(&format!("/element/{id}/clear"), json!({}))
                .and_then(|_| {
                    if text.is_empty() {
                        Ok(Value::Null)
                    } else {
                        self.try_post(&format!("/element/{id}/value"), json!({"text": text}))
                    }
                });
            match typed {
                Ok(_) => return,
                Err(e) if start.elapsed() > WAIT => panic!("filling {css} failed: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Chooses an option of a `<select>` by its value, as a click would.
    pub fn select(&self, select_css: &str, value: &str) {
        self.click(&format!("{select_css} option[value=\"{value}\"]"));
        // WebKitWebDriver selects the option; make sure listeners hear it.
        self.exec(
            "const s = document.querySelector(arguments[0]); s.dispatchEvent(new Event('change', {bubbles: true}));",
            json!([select_css]),
        );
    }

    /// The visible text of an element now, if it is there. An element
    /// re-rendered between finding it and reading it (a stale reference)
    /// counts as not there yet.
    fn try_text(&self, css: &str) -> Option<String> {
        let id = self.try_find(css)?;
        let v = self.try_get(&format!("/element/{id}/text")).ok()?;
        Some(v["value"].as_str().unwrap_or_default().to_string())
    }

    /// The visible text of an element, waiting for it to appear.
    pub fn text(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(t) = self.try_text(css) {
                return t;
            }
            assert!(start.elapsed() < WAIT, "element {css} did not appear");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the element's text contains `needle`.
    pub fn wait_text(&self, css: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(t) = self.try_text(css) {
                if t.contains(needle) {
                    return t;
                }
                assert!(
                    start.elapsed() < WAIT,
                    "{css} shows {t:?}, never {needle:?}"
                );
            } else {
                assert!(
                    start.elapsed() < WAIT,
                    "{css} never appeared (waiting for {needle:?})"
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the element's text no longer contains `needle`.
    pub fn wait_text_gone(&self, css: &str, needle: &str) {
        let start = Instant::now();
        while self.text(css).contains(needle) {
            assert!(start.elapsed() < WAIT, "{css} still shows {needle:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs JavaScript in the page and returns its value.
    pub fn exec(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))["value"].clone()
    }

    /// Navigates inside the app (hash routes).
    pub fn go(&self, hash: &str) {
        self.exec("location.hash = arguments[0];", json!([hash]));
    }

    /// Saves a PNG of the window to `target/e2e-screenshots/{file}.png`.
    pub fn screenshot(&self, file: &str) -> PathBuf {
        let dir = workspace_root().join("target/e2e-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{file}.png"));
        let v = self.get("/screenshot");
        if let Some(b64) = v["value"].as_str()
            && let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64)
        {
            let _ = std::fs::write(&path, bytes);
        }
        path
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() && !self.session.is_empty() {
            let p = self.screenshot(&format!("{}-failure", self.name));
            eprintln!("screenshot of the failure: {}", p.display());
        }
        if !self.session.is_empty() {
            let _ = self.agent.delete(&self.url("")).call();
        }
        // SIGTERM lets tauri-driver stop WebKitWebDriver; SIGKILL would orphan it.
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// An office prepared with the CLI: agency, a verifier, a person.
pub fn prepare(dir: &Path) {
    cli_with_stdin(
        dir,
        &[
            "user",
            "add",
            "admin",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    cli_with_stdin(
        dir,
        &[
            "user",
            "add",
            "vera",
            "--role",
            "verifikator",
            "--display-name",
            "Vera Verifikator",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    let agency = dir.join("agency.json");
    std::fs::write(
        &agency,
        r#"{"pemda":"Pemerintah Kabupaten Tapin","dinas":"Dinas Komunikasi dan Informatika","alamat":"Jalan Jenderal Sudirman No. 1, Rantau","telepon":"(0517) 31234","email":"diskominfo@tapinkab.go.id","laman":"diskominfo.tapinkab.go.id","domain_email":"tapinkab.go.id","kota":"Rantau","kepala":{"nama":"Wahyudi Pranoto, S.Sos., M.T","nip":"197101301999031005","pangkat":"Pembina Utama Muda (IV/c)","jabatan":"Kepala Dinas Komunikasi dan Informatika"},"kertas":"F4"}"#,
    )
    .expect("write agency");
    cli(
        dir,
        &["agency", "set", "--json", agency.to_str().expect("path")],
    );
    let person = dir.join("person.json");
    std::fs::write(
        &person,
        r#"{"nama":"Ahmad Fauzi, S.Kom.","nik":"6305011708660001","nip":"196608171991121003","jenis_pegawai":"pns","golongan":"III/d","jabatan":"Pranata Komputer Ahli Muda","unit_kerja":"Dinas Kesehatan","email":"ahmad.fauzi@tapinkab.go.id","telepon":"081234567890"}"#,
    )
    .expect("write person");
    cli(
        dir,
        &["person", "add", "--json", person.to_str().expect("path")],
    );
}

/// Signs in on the login screen and waits for the home screen.
pub fn sign_in(app: &App, user: &str) {
    app.wait("#login-form");
    app.fill("#login-username", user);
    app.fill("#login-password", "rahasia-123");
    app.click("#login-submit");
    app.wait("#beranda");
}

/// Signs out and in as another user, then opens a request's page.
pub fn switch_user(app: &App, user: &str, nomor: &str) {
    app.click("#sign-out");
    sign_in(app, user);
    open_request(app, nomor);
}

/// Opens a request's page and waits for its timeline.
pub fn open_request(app: &App, nomor: &str) {
    app.go(&format!("#/permohonan/{nomor}"));
    app.wait(&format!("#request-page[data-nomor='{nomor}'] #timeline"));
}

/// Walks a request through every step of its SOP in the window, as the
/// office does: the verifier (`verifier`) records the applicant's and BSrE's
/// steps, the head (`head`) gives each disposisi. Conditional steps are
/// answered "yes"; required documents are accepted with a written reason
/// (attaching is tested elsewhere). `on_step(no)` may act first (e.g. send
/// the request back); it returns true when it handled the step itself.
/// Returns the steps completed, in order.
pub fn walk_request(
    app: &App,
    nomor: &str,
    verifier: &str,
    head: &str,
    mut on_step: impl FnMut(&App, u32) -> bool,
) -> Vec<u32> {
    let mut done = Vec::new();
    let mut user = verifier.to_string();
    for _ in 0..40 {
        open_request(app, nomor);
        if app.text("#request-status").contains("Selesai") {
            return done;
        }
        let no: u32 = app
            .exec(
                "const c = document.querySelector(\"li[data-state='current']\"); return c ? c.dataset.step : null;",
                json!([]),
            )
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("a current step");
        if app.try_find("#step-form").is_none() {
            // Not this user's step: the other one acts.
            let other = if user == verifier { head } else { verifier };
            user = other.to_string();
            switch_user(app, other, nomor);
            app.wait("#step-form");
        }
        if on_step(app, no) {
            continue;
        }
        if app.try_find("#cond-yes").is_some() {
            app.click("#cond-yes");
        }
        if app.try_find("#step-override").is_some() {
            app.fill("#step-override", "Berkas asli diperiksa di loket");
        }
        if app.try_find("#step-disposisi-to").is_some() {
            app.fill("#step-note", "Mohon segera diproses");
        }
        app.click("#step-done");
        app.wait(&format!(
            "li[data-step='{no}'][data-state='done'], li[data-step='{no}'][data-state='skipped']"
        ));
        done.push(no);
    }
    panic!("{nomor} did not finish within 40 actions");
}
