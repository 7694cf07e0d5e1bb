//! Backup and restore through the real window: the admin backs up to a file
//! (the native dialog is answered by LOKET_TEST_DIALOG), more work happens,
//! then the backup is restored and that later work is gone.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in};

#[test]
fn back_up_then_restore_through_the_window() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    prepare(data.path());
    let file = out.path().join("cadangan.loketbak");
    let file_s = file.to_str().unwrap().to_string();
    let app = App::launch_with("backup", data.path(), &[("LOKET_TEST_DIALOG", &file_s)]);
    sign_in(&app, "admin");
    app.click("#nav-pengaturan");
    app.click("#backup-now");
    app.wait_text("#backup-result", "cadangan.loketbak");
    assert!(file.exists(), "the backup file was written");
    app.screenshot("backup-done");

    // Work done after the backup.
    cli(
        data.path(),
        &[
            "request",
            "create",
            "--type",
            "pencabutan",
            "--person",
            "1",
            "--reason",
            "pensiun",
        ],
    );
    let before: serde_json::Value =
        serde_json::from_str(&cli(data.path(), &["request", "list", "--json"])).unwrap();
    assert_eq!(before.as_array().map(Vec::len), Some(1));

    // Restore: the file is checked and described, then confirmed.
    app.click("#restore-start");
    app.wait_text("#backup-result", "Tapin");
    app.screenshot("restore-confirm");
    app.click("#restore-confirm");
    app.wait("#login-form");
    let after: serde_json::Value =
        serde_json::from_str(&cli(data.path(), &["request", "list", "--json"])).unwrap();
    assert_eq!(
        after.as_array().map(Vec::len),
        Some(0),
        "the request made after the backup is gone"
    );
    sign_in(&app, "admin");
}
