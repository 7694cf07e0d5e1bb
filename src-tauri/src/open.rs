//! Opens a file in the system's own viewer (PDF reader, image viewer), so
//! people read and print with the tools they know. No extra dependency: the
//! platform's standard opener is started and not waited for.
//!
//! In debug builds the environment variable `LOKET_TEST_OPEN` names a file
//! that receives the path instead, one line per opening, so end-to-end tests
//! check what would have opened without launching viewers on the test
//! machine.

use std::path::Path;
use std::process::{Command, Stdio};

pub fn open_in_system_viewer(path: &Path) -> std::io::Result<()> {
    if cfg!(debug_assertions)
        && let Some(log) = std::env::var_os("LOKET_TEST_OPEN")
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)?;
        return writeln!(f, "{}", path.display());
    }
    let mut cmd = if cfg!(target_os = "windows") {
        // `start` is a shell builtin; the empty string is the window title.
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]).arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(path);
        c
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd.spawn().map(drop)
}
