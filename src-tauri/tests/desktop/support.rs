//! What every command-layer test starts from: the app with its commands on the mock runtime
//! over a fresh database, a window to send IPC requests from, and small helpers.

use golive::error::ErrorKind;
use golive_desktop::commands::{Workspace, plans};
use golive_desktop::dto::{CommandError, NewPlanDto};
use serde_json::Value;
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub app: App<MockRuntime>,
}

impl Fixture {
    pub fn ws(&self) -> tauri::State<'_, Workspace> {
        self.app.state::<Workspace>()
    }

    /// A plan launching on 17 March 2031 in Berlin, on the built-in checklist.
    pub fn plan(&self, name: &str) -> i64 {
        block(plans::create_plan(self.ws(), new_plan(name)))
            .unwrap()
            .id
    }
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let workspace = Workspace::open(&dir.path().join("golive.db")).unwrap();
    let app = golive_desktop::with_commands(mock_builder(), workspace)
        .build(mock_context(noop_assets()))
        .unwrap();
    Fixture { dir, app }
}

pub fn new_plan(name: &str) -> NewPlanDto {
    NewPlanDto {
        name: name.into(),
        client: Some("Acme".into()),
        launch_local: "2031-03-17 09:00".into(),
        zone: "Europe/Berlin".into(),
        pentest: None,
        working_days: vec![],
    }
}

pub fn window(app: &App<MockRuntime>) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, "main", Default::default())
        .build()
        .unwrap()
}

/// Sends `cmd` through the IPC as the UI does; the answer or the rejection as JSON.
pub fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

pub fn kind<T: std::fmt::Debug>(r: Result<T, CommandError>) -> ErrorKind {
    r.unwrap_err().kind
}

pub fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}
