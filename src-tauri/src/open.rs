//! Opens a file in the system's own viewer (PDF reader, image viewer), so
//! people print with the tools they know. No extra dependency: the platform's
//! standard opener is started and not waited for.

use std::path::Path;
use std::process::{Command, Stdio};

pub fn open_in_system_viewer(path: &Path) -> std::io::Result<()> {
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
    // Debug builds under test do not launch viewers on the test machine.
    if cfg!(debug_assertions) && std::env::var_os("LOKET_TEST_NO_OPEN").is_some() {
        return Ok(());
    }
    cmd.spawn().map(|_| ())
}
