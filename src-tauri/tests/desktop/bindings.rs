//! The TypeScript types in ui/src/lib/ipc/bindings/ must match the Rust DTOs. Run with
//! `UPDATE_BINDINGS=1` to rewrite them after changing a DTO.

use std::path::PathBuf;

use golive_desktop::dto::*;
use ts_rs::TS;

fn check<T: TS + 'static>(stale: &mut Vec<String>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_DIR);
    let path = dir.join(format!("{}.ts", T::name()));
    let fresh = T::export_to_string().expect("ts-rs renders the type");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).expect("bindings folder");
        std::fs::write(&path, &fresh).expect("write binding");
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(committed) if committed == fresh => {}
        _ => stale.push(path.display().to_string()),
    }
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let mut stale = Vec::new();
    check::<BoardDto>(&mut stale);
    check::<ChangeDto>(&mut stale);
    check::<CheckInfoDto>(&mut stale);
    check::<SavedLoginDto>(&mut stale);
    check::<EndpointsDto>(&mut stale);
    check::<ExportedDto>(&mut stale);
    check::<SignatureDto>(&mut stale);
    check::<StakeholderDto>(&mut stale);
    check::<VerificationDto>(&mut stale);
    check::<ProbeProgressDto>(&mut stale);
    check::<ProbeResultDto>(&mut stale);
    check::<ProbeRunDto>(&mut stale);
    check::<ProbeRunResultsDto>(&mut stale);
    check::<ProbeSetupDto>(&mut stale);
    check::<RunDiffDto>(&mut stale);
    check::<CommandError>(&mut stale);
    check::<CountsDto>(&mut stale);
    check::<EventDto>(&mut stale);
    check::<EvidenceDto>(&mut stale);
    check::<ItemChangeDto>(&mut stale);
    check::<MoveDto>(&mut stale);
    check::<NewPlanDto>(&mut stale);
    check::<PlanDto>(&mut stale);
    check::<PlanSummaryDto>(&mut stale);
    check::<ReadinessDto>(&mut stale);
    check::<ReasonDto>(&mut stale);
    check::<ReminderDto>(&mut stale);
    check::<SettingsDto>(&mut stale);
    check::<TaskDto>(&mut stale);
    check::<WaiverDto>(&mut stale);
    assert!(
        stale.is_empty(),
        "stale TypeScript bindings: {stale:?}; regenerate with \
         `UPDATE_BINDINGS=1 cargo test -p golive-desktop --test desktop` and commit them"
    );
}
