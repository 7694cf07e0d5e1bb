//! Guards the installer settings in tauri.conf.json that nothing else checks
//! on Linux: the Windows installer is built only by the release workflow, so
//! a silent change here would first show up in an office. See
//! docs/INSTALL.md for why each setting is what it is.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};

fn src_tauri() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Value {
    read_json(&src_tauri().join("tauri.conf.json"))
}

#[test]
fn the_version_comes_only_from_cargo() {
    // Tauri falls back to the crate version, which is the workspace's one
    // `[workspace.package] version`; a second number here would drift.
    let dir = std::fs::read_dir(src_tauri()).unwrap();
    let mut seen = 0;
    for entry in dir {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("tauri.") && name.ends_with(".conf.json") {
            seen += 1;
            assert!(
                read_json(&path).get("version").is_none(),
                "{name} must not carry a version: the one version is [workspace.package] version"
            );
        }
    }
    assert!(seen >= 1, "tauri.conf.json not found");
    // The npm manifest pins the CLI only; it has no product version either.
    let package = read_json(&src_tauri().join("../package.json"));
    assert!(
        package.get("version").is_none(),
        "package.json must not carry a version"
    );
}

#[test]
fn the_identifier_is_the_data_folder_name() {
    // The data folder is %LOCALAPPDATA%\<identifier>; changing it would make
    // an upgraded app start empty beside the office's real data.
    assert_eq!(config()["identifier"], "id.lokettte.desktop");
    assert_eq!(config()["identifier"], loket_core::paths::APP_IDENTIFIER);
}

#[test]
fn the_windows_installer_works_offline_and_without_admin_rights() {
    let windows = &config()["bundle"]["windows"];
    let webview = windows["webviewInstallMode"]["type"].as_str().unwrap();
    assert!(
        webview == "offlineInstaller" || webview == "fixedRuntime",
        "WebView2 must travel inside the installer, not be downloaded: {webview}"
    );
    let nsis = &windows["nsis"];
    assert_eq!(nsis["installMode"], "currentUser");
    let languages: Vec<&str> = nsis["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(languages.contains(&"Indonesian") && languages.contains(&"English"));
    assert_eq!(nsis["displayLanguageSelector"], true);
    let targets = config()["bundle"]["targets"].clone();
    assert!(targets.as_array().unwrap().contains(&Value::from("nsis")));
}

#[test]
fn the_uninstaller_keeps_the_office_data() {
    // Tauri's uninstaller deletes $LOCALAPPDATA\<identifier> when its
    // "delete app data" box is ticked; our hook clears that choice first.
    let nsis = &config()["bundle"]["windows"]["nsis"];
    let hooks = src_tauri().join(nsis["installerHooks"].as_str().expect("installerHooks"));
    let text = std::fs::read_to_string(&hooks).unwrap();
    assert!(text.contains("!macro NSIS_HOOK_PREUNINSTALL"));
    assert!(text.contains("StrCpy $DeleteAppDataCheckboxState 0"));
    let indonesian = nsis["customLanguageFiles"]["Indonesian"].as_str().unwrap();
    assert!(src_tauri().join(indonesian).is_file());
}

#[test]
fn the_debian_package_carries_the_admin_cli() {
    let deb = &config()["bundle"]["linux"]["deb"];
    let source = deb["files"]["/usr/bin/loket"]
        .as_str()
        .expect("/usr/bin/loket");
    assert_eq!(source, "../target/bundle-extra/loket");
    let hook = config()["build"]["beforeBundleCommand"].clone();
    assert_eq!(hook, "node scripts/stage-cli.mjs");
}

#[test]
fn the_pinned_cli_matches_the_tauri_crate() {
    // Same major.minor as the `tauri` crate in Cargo.lock, exact pin.
    let lock = std::fs::read_to_string(src_tauri().join("../Cargo.lock")).unwrap();
    let tauri = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"tauri\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
        .expect("tauri in Cargo.lock");
    let package = read_json(&src_tauri().join("../package.json"));
    let cli = package["devDependencies"]["@tauri-apps/cli"]
        .as_str()
        .unwrap();
    assert!(
        cli.chars().next().unwrap().is_ascii_digit(),
        "pin an exact CLI version, not a range: {cli}"
    );
    let minor = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    assert_eq!(minor(cli), minor(&tauri), "CLI {cli} vs tauri {tauri}");
}
