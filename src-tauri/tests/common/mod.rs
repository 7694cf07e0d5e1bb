//! What the command-layer tests share: an app on Tauri's mock runtime with
//! real state over a data folder, and a way to invoke a command as the
//! window does.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use loket_tte_lib::{AppState, build_app};
use serde_json::Value;
use std::path::Path;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;

/// The app (keep it alive) and its main window, over `dir`.
pub fn mock_window(dir: &Path) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let state = AppState::open_at(dir).expect("state");
    let app = build_app(mock_builder(), state)
        .build(mock_context(noop_assets()))
        .expect("app");
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    (app, w)
}

/// Invokes a command with JSON arguments: Ok(value) or Err({kind, message, …}).
pub fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().expect("JSON response"))
}
