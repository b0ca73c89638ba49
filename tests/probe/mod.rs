//! Probe tests against real servers on 127.0.0.1: HTTP/HTTPS (rcgen certificates: valid,
//! expired, wrong host, untrusted CA; TLS 1.2-only and 1.3-only), a DNS server, hostile
//! servers, credentials that must stay on their origin, the redirect map and cancellation.
//!
//! TLS 1.0/1.1 cannot be offered by rustls, so the "fail if 1.0/1.1 accepted" branch is
//! covered by unit tests in `src/probe/tls_legacy.rs` (a recorded ServerHello) and
//! `src/probe/tls.rs` (the judge); here the legacy probe is shown to read "refused" from real
//! 1.2-only and 1.3-only servers.

mod cli;
mod dns_server;
mod history;
mod hostile;
mod keyring;
pub mod servers;
pub mod shop;

/// The staging-login password the probe CLI tests give (GOLIVE_PROBE_PASSWORD); they check
/// it never reaches the database.
const STAGE_PASSWORD: &str = "stage-secret-pw";

/// `golive args` on `db`, run off the async workers so the loopback servers it probes keep
/// answering: exit code, stdout, stderr.
async fn golive_async(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = crate::common::golive(db);
    cmd.env("GOLIVE_PROBE_PASSWORD", STAGE_PASSWORD).args(args);
    tokio::task::spawn_blocking(move || crate::common::outcome(&mut cmd))
        .await
        .unwrap()
}
