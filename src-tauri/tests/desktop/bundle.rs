//! Plan bundles and template updates through the command layer, on real databases and real
//! files: a plan with an evidence file and a person goes out as a bundle and comes back in another
//! database (same global id, the file's bytes there); into its own database it is refused as
//! `plan-exists` and then merged; a bundle cut short is `invalid-bundle`. A new version of the
//! built-in template is compared (added, retired, changed) and applied to the board, and a
//! broken one is `invalid-template`.

use golive::catalog::BUILTIN_TEMPLATE_TOML;
use golive::error::ErrorKind;
use golive::plan::{ReasonKind, Status};
use golive_desktop::commands::{evidence, export, items, plans, template};
use golive_desktop::dto::ItemChangeDto;
use serde_json::json;

use crate::support::{Fixture, block, fixture, invoke, kind, window};

fn gid(f: &Fixture, id: i64) -> String {
    block(plans::plan_board(f.ws(), id)).unwrap().plan.gid
}

#[test]
fn a_bundle_moves_a_plan_with_its_files_and_merges_back() {
    let from = fixture();
    let id = from.plan("Bundle");
    let task = block(plans::plan_board(from.ws(), id)).unwrap().tasks[0]
        .id
        .clone();
    let shot = from.dir.path().join("screenshot.png");
    std::fs::write(&shot, b"\x89PNG not really, but bytes").unwrap();
    block(evidence::add_file(from.ws(), id, task.clone(), shot)).unwrap();
    from.ws()
        .add_person(id, "Dana", Some("Project lead"), None)
        .unwrap();

    let path = from.dir.path().join("bundle.golive");
    let w = window(&from.app);
    let written = invoke(&w, "export_bundle", json!({ "planId": id, "path": path })).unwrap();
    assert_eq!(written["plan_name"], "Bundle");
    assert_eq!(written["files"], 1);
    assert_eq!(written["bytes"], 26);
    assert!(path.metadata().unwrap().len() > 0);

    // Another database: a new plan with the same global id and the file's bytes.
    let to = fixture();
    let came = block(export::import_bundle(
        to.app.handle().clone(),
        path.clone(),
        false,
        None,
    ))
    .unwrap();
    assert!(!came.merged);
    assert_eq!((came.evidence_added, came.people_added), (1, 1));
    assert_eq!(gid(&to, came.plan_id), gid(&from, id));
    let files = block(evidence::list_evidence(to.ws(), came.plan_id, task.clone())).unwrap();
    assert_eq!(files.len(), 1);
    let copy = to.ws().evidence_file(came.plan_id, files[0].id).unwrap();
    assert_eq!(
        std::fs::read(copy).unwrap(),
        b"\x89PNG not really, but bytes"
    );

    // Into the database it came from: refused as a new plan, then merged through the IPC.
    assert_eq!(
        kind(block(export::import_bundle(
            from.app.handle().clone(),
            path.clone(),
            false,
            Some("Another name".into()),
        ))),
        ErrorKind::PlanExists
    );
    let err = invoke(
        &w,
        "import_bundle",
        json!({ "path": path, "merge": false, "name": null }),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "plan-exists");
    let merged = invoke(
        &w,
        "import_bundle",
        json!({ "path": path, "merge": true, "name": null }),
    )
    .unwrap();
    assert_eq!(merged["merged"], true);
    assert_eq!(merged["plan_id"], id);
    assert_eq!(merged["evidence_added"], 0, "nothing was missing");
    assert_eq!(merged["people_added"], 0);
    assert_eq!(merged["fields_taken"], json!([]));
    assert_eq!(block(plans::list_plans(from.ws(), false)).unwrap().len(), 1);
}

#[test]
fn a_bundle_cut_short_is_refused_and_nothing_is_kept() {
    let from = fixture();
    let id = from.plan("Cut");
    let path = from.dir.path().join("whole.golive");
    block(export::export_bundle(
        from.app.handle().clone(),
        id,
        path.clone(),
    ))
    .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let cut = from.dir.path().join("cut.golive");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();

    let to = fixture();
    let w = window(&to.app);
    let err = invoke(
        &w,
        "import_bundle",
        json!({ "path": cut, "merge": false, "name": null }),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "invalid-bundle", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("cut.golive"),
        "{err}"
    );
    assert!(block(plans::list_plans(to.ws(), false)).unwrap().is_empty());

    assert_eq!(
        kind(block(export::export_bundle(
            from.app.handle().clone(),
            4242,
            from.dir.path().join("none.golive")
        ))),
        ErrorKind::PlanNotFound
    );
}

/// The built-in template as version 2099.01: GEN-10 dropped, GEN-99 new, TES-12 no longer
/// blocking.
fn next_version() -> String {
    let text = BUILTIN_TEMPLATE_TOML.replace("version = \"2023.01.23-1\"", "version = \"2099.01\"");
    let last = text.rfind("[[task]]\nid = \"GEN-10\"").unwrap();
    let text = text[..last].replacen(
        "blocking = true\nevidence = \"Smoke test checklist",
        "blocking = false\nevidence = \"Smoke test checklist",
        1,
    );
    format!(
        "{text}[[task]]\nid = \"GEN-99\"\nphase = \"post-launch\"\narea = \"GEN\"\n\
         title = \"Review the launch with the client\"\nsource = \"Go-live\"\n\
         due = {{ anchor = \"launch\", offset_days = 7 }}\n"
    )
}

#[test]
fn a_new_template_version_is_shown_then_applied() {
    let f = fixture();
    let id = f.plan("Template");
    let done = ItemChangeDto {
        status: Some(Status::Done),
        ..Default::default()
    };
    block(items::update_item(f.ws(), id, "TES-12".into(), done)).unwrap();
    let path = f.dir.path().join("next.toml");
    std::fs::write(&path, next_version()).unwrap();

    let w = window(&f.app);
    let diff = invoke(&w, "template_diff", json!({ "planId": id, "path": path })).unwrap();
    assert_eq!(diff["old_version"], "2023.01.23-1");
    assert_eq!(diff["new_version"], "2099.01");
    assert_eq!(diff["added"], json!(["GEN-99"]));
    assert_eq!(diff["removed"], json!(["GEN-10"]));
    assert_eq!(diff["renamed"], json!([]));
    assert_eq!(
        diff["changed"],
        json!([{ "id": "TES-12", "reconfirm": true,
                 "fields": [{ "field": "blocking", "old": "yes", "new": "no" }] }])
    );
    assert_eq!(diff["empty"], false);
    // Nothing written yet.
    let board = block(plans::plan_board(f.ws(), id)).unwrap();
    assert!(board.tasks.iter().any(|t| t.id == "GEN-10"));

    let applied = block(template::apply_template(f.ws(), id, path.clone())).unwrap();
    assert_eq!(applied.added, ["GEN-99"]);
    let board = block(plans::plan_board(f.ws(), id)).unwrap();
    let new = board.tasks.iter().find(|t| t.id == "GEN-99").unwrap();
    assert_eq!(new.status, Status::Todo);
    assert!(!board.tasks.iter().any(|t| t.id == "GEN-10"));
    assert!(
        board
            .readiness
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Reconfirm && r.message.contains("TES-12")),
        "{:?}",
        board.readiness.reasons
    );

    // The same version again changes nothing.
    let again = block(template::template_diff(f.ws(), id, path)).unwrap();
    assert!(again.empty, "{again:?}");
}

#[test]
fn a_broken_template_is_refused_with_where() {
    let f = fixture();
    let id = f.plan("Broken");
    let path = f.dir.path().join("broken.toml");
    std::fs::write(&path, "[template]\nid = \"spryker-go-live\"\nversion = \n").unwrap();
    let err = block(template::template_diff(f.ws(), id, path.clone())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidTemplate);
    assert!(err.message.contains("broken.toml"), "{}", err.message);
    assert_eq!(
        kind(block(template::apply_template(f.ws(), id, path))),
        ErrorKind::InvalidTemplate
    );

    // Another template's file.
    let other = f.dir.path().join("other.toml");
    std::fs::write(
        &other,
        BUILTIN_TEMPLATE_TOML.replace("id = \"spryker-go-live\"", "id = \"someone-else\""),
    )
    .unwrap();
    assert_eq!(
        kind(block(template::template_diff(f.ws(), id, other))),
        ErrorKind::InvalidInput
    );
}
