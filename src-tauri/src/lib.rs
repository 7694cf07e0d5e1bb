//! The desktop shell of Loket TTE: a Tauri window over loket-core. This is the
//! only crate that knows about IPC and the JSON shapes sent to the window.

mod commands;
mod dialogs;
mod error;
mod open;
mod progress;
mod state;

pub use state::AppState;

use tauri::{Manager, Runtime};

/// Registers the state and every command on a builder. `run` uses the real
/// runtime; the tests use `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::session::app_info,
            commands::session::set_language,
            commands::session::complete_setup,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::reference::reference_data,
            commands::agency::get_agency,
            commands::agency::save_agency,
            commands::people::check_person,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::own_person,
            commands::requests::check_request_form,
            commands::requests::submit_request,
            commands::requests::list_requests,
            commands::requests::get_request,
            commands::requests::save_draft,
            commands::requests::update_draft,
            commands::requests::submit_draft,
            commands::requests::applicant_documents,
            commands::users::list_users,
            commands::users::add_user,
            commands::users::update_user,
            commands::users::set_password,
            commands::registry::registry,
            commands::registry::registry_totals,
            commands::registry::active_per_unit,
            commands::registry::expiring,
            commands::registry::start_renewals,
            commands::registry::revoked_list,
            commands::registry::import_pick,
            commands::registry::import_preview,
            commands::registry::import_apply,
            commands::registry::export_registry_dialog,
            commands::documents::attach_dialog,
            commands::documents::attach_paths_cmd,
            commands::documents::list_documents,
            commands::documents::document_preview,
            commands::documents::open_document,
            commands::documents::remove_document,
            commands::documents::replace_document_dialog,
            commands::documents::ams_copy_dialog,
            commands::documents::ams_panel,
            commands::documents::check_files,
            commands::backup::backup_settings,
            commands::backup::set_backup_settings,
            commands::backup::cancel_job,
            commands::backup::backup_now,
            commands::backup::restore_pick,
            commands::backup::restore_confirm,
            commands::backup::audit_log,
            commands::backup::export_audit_dialog,
            commands::lifecycle::request_view,
            commands::lifecycle::act_on_step,
            commands::lifecycle::resubmit_request,
            commands::lifecycle::cancel_request,
            commands::lifecycle::correct_reason,
            commands::lifecycle::due_list,
            commands::lifecycle::my_queue,
            commands::sops::list_sops,
            commands::sops::get_sop,
            commands::sops::sop_defaults,
            commands::sops::set_sop_default,
            commands::sops::import_sop_dialog,
            commands::sops::export_sop_dialog,
            commands::letters::letter_settings,
            commands::letters::save_letter_settings,
            commands::letters::emblem_upload_dialog,
            commands::letters::letter_templates,
            commands::letters::save_letter_template,
            commands::letters::reset_letter_template,
            commands::letters::open_sample_letter,
            commands::letters::letter_options,
            commands::letters::request_letters,
            commands::letters::recent_letters,
            commands::letters::generate_letter,
            commands::letters::open_letter,
            commands::letters::save_letter_dialog,
            commands::letters::letter_register,
            commands::letters::void_letter_number,
            commands::letters::enter_letter_number,
            commands::letters::verify_letter_code,
            commands::letters::verify_letter_dialog,
            commands::bundles::bundle_export_dialog,
            commands::bundles::bundle_import_pick,
            commands::bundles::bundle_import_apply,
            commands::bundles::request_bundles,
            commands::bundles::open_bundle_file,
            commands::reports::report_recap,
            commands::reports::export_report_dialog,
        ])
}

pub fn run() {
    let args: Vec<String> = std::env::args().collect();
    let state = match AppState::open(&args) {
        Ok(s) => s,
        Err(e) => {
            // Without its data the app cannot do anything useful: say why in a
            // native dialog rather than disappear.
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("Loket TTE")
                .set_description(e.render(loket_core::Lang::Id))
                .show();
            std::process::exit(1);
        }
    };
    let app = build_app(tauri::Builder::default(), state)
        .setup(|app| {
            // The window is made here rather than in tauri.conf.json so that
            // WebKit's own data (local storage: language, the wizard's
            // progress; caches) lives inside the office's data folder: a
            // debug build, a test's temporary folder and the real office
            // never share it.
            let webview_data = app.state::<AppState>().data_dir.join("webview");
            tauri::WebviewWindowBuilder::new(
                app,
                "main",
                tauri::WebviewUrl::App("index.html".into()),
            )
            .title("Loket TTE")
            .inner_size(1280.0, 720.0)
            .min_inner_size(1000.0, 600.0)
            .center()
            .data_directory(webview_data)
            .build()?;
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Loket TTE could not start: {e}");
            std::process::exit(1);
        });
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // The automatic backup on exit: quick when nothing changed; a
            // failure is reported but never keeps the app from closing.
            if let Some(state) = handle.try_state::<AppState>()
                && let Ok(loket) = state.loket()
                && let Err(e) = loket.auto_backup()
            {
                eprintln!(
                    "Loket TTE: automatic backup failed: {}",
                    e.render(loket_core::Lang::Id)
                );
            }
        }
    });
}
