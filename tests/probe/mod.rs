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
mod servers;
mod shop;
