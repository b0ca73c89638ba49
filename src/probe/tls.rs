//! TLS checks: trust and host match (`tls-trust`), expiry against the launch date
//! (`tls-expiry`) and offered protocol versions (`tls-version`).
//!
//! A handshake is made with rustls and a verifier that *records* the trust decision instead of
//! aborting, so one handshake yields the verdict and the certificate. rustls cannot speak
//! TLS 1.0/1.1, so acceptance of those is tested with a hand-made ClientHello
//! ([`super::tls_legacy`]). This file does not do HTTP.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio::net::TcpStream;

use super::Judgement;

/// Days after launch a certificate must still be valid.
pub const EXPIRY_MARGIN_DAYS: i64 = 30;
/// At or below this many days left a certificate is a warning.
pub const EXPIRY_WARN_DAYS: i64 = 60;

/// What one handshake showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handshake {
    /// `TLSv1_3`, `TLSv1_2`.
    pub version: String,
    /// `Ok` when the chain is trusted and valid for the host; else why not.
    pub trust: Result<(), TrustProblem>,
    pub leaf: Option<CertInfo>,
}

/// Why a certificate chain was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustProblem {
    UnknownIssuer,
    WrongHost(Vec<String>),
    Expired,
    NotYetValid,
    Other(String),
}

/// The facts of the leaf certificate the checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub names: Vec<String>,
    pub not_after: DateTime<Utc>,
}

/// Reads the leaf certificate.
pub fn cert_info(der: &[u8]) -> Option<CertInfo> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    x509_parser::extensions::GeneralName::DNSName(d) => Some(d.to_string()),
                    x509_parser::extensions::GeneralName::IPAddress(b) => match b.len() {
                        4 => <[u8; 4]>::try_from(*b)
                            .ok()
                            .map(|a| IpAddr::from(a).to_string()),
                        16 => <[u8; 16]>::try_from(*b)
                            .ok()
                            .map(|a| IpAddr::from(a).to_string()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Some(CertInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        names,
        not_after: DateTime::from_timestamp(cert.validity().not_after.timestamp(), 0)?,
    })
}

/// The system roots, read from disk and parsed once per process: loading and parsing the
/// platform store costs more than a whole check against a nearby server.
fn native_roots() -> &'static RootCertStore {
    static ROOTS: OnceLock<RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        store
    })
}

/// The cryptography of every TLS connection the probes make: ring, which the PDF signing
/// crates already link, so the binary carries one crypto library. Named explicitly so no
/// connection depends on a process-wide default.
pub fn crypto_provider() -> Arc<rustls::crypto::CryptoProvider> {
    static PROVIDER: OnceLock<Arc<rustls::crypto::CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// The trust store of a run: system roots plus the user's extra CAs.
pub fn root_store(extra: &[CertificateDer<'static>]) -> Arc<RootCertStore> {
    let mut store = native_roots().clone();
    store.add_parsable_certificates(extra.iter().cloned());
    Arc::new(store)
}

/// The TLS configuration of the HTTP client: the same trust store as the TLS checks (system
/// roots plus extra CAs, verified by webpki, as the platform verifier does on Linux) without
/// re-reading the system store for every client, HTTP/1.1 only.
pub fn http_client_config(roots: Arc<RootCertStore>) -> Result<ClientConfig, String> {
    let verifier = WebPkiServerVerifier::builder_with_provider(roots, crypto_provider())
        .build()
        .map_err(|e| {
            format!("no trusted CA certificates available ({e}); add a CA file to the endpoints")
        })?;
    let mut config = ClientConfig::builder_with_provider(crypto_provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS set-up failed: {e}"))?
        .with_webpki_verifier(verifier)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[derive(Debug)]
struct Recorder {
    inner: Arc<WebPkiServerVerifier>,
    outcome: Mutex<Option<Result<(), TrustProblem>>>,
    names: Mutex<Vec<String>>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        use rustls::{CertificateError, Error};
        let result = self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
            .map(|_| ())
            .map_err(|e| match e {
                Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
                    TrustProblem::UnknownIssuer
                }
                Error::InvalidCertificate(
                    CertificateError::NotValidForName
                    | CertificateError::NotValidForNameContext { .. },
                ) => TrustProblem::WrongHost(
                    cert_info(end_entity.as_ref())
                        .map(|c| c.names)
                        .unwrap_or_default(),
                ),
                Error::InvalidCertificate(
                    CertificateError::Expired | CertificateError::ExpiredContext { .. },
                ) => TrustProblem::Expired,
                Error::InvalidCertificate(
                    CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. },
                ) => TrustProblem::NotYetValid,
                other => TrustProblem::Other(other.to_string()),
            });
        if let Ok(mut slot) = self.outcome.lock() {
            *slot = Some(result);
        }
        if let Ok(mut names) = self.names.lock() {
            *names = cert_info(end_entity.as_ref())
                .map(|c| c.names)
                .unwrap_or_default();
        }
        // Let the handshake finish so the certificate and version can be read; the recorded
        // outcome is the verdict.
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// Which protocol versions a handshake may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versions {
    Any,
    Tls12Only,
    Tls13Only,
}

/// Connects to `addr` and makes one TLS handshake for `host`. `Err` means no handshake
/// could be made (refused, reset, timeout, not TLS, no common version).
pub async fn handshake(
    addr: SocketAddr,
    host: &str,
    roots: Arc<RootCertStore>,
    versions: Versions,
    timeout: Duration,
) -> Result<Handshake, String> {
    let inner = WebPkiServerVerifier::builder_with_provider(roots, crypto_provider())
        .build()
        .map_err(|e| {
            format!("no trusted CA certificates available ({e}); add a CA file to the endpoints")
        })?;
    let recorder = Arc::new(Recorder {
        inner,
        outcome: Mutex::new(None),
        names: Mutex::new(Vec::new()),
    });
    let protocol: &[&rustls::SupportedProtocolVersion] = match versions {
        Versions::Any => rustls::ALL_VERSIONS,
        Versions::Tls12Only => &[&rustls::version::TLS12],
        Versions::Tls13Only => &[&rustls::version::TLS13],
    };
    let config = ClientConfig::builder_with_provider(crypto_provider())
        .with_protocol_versions(protocol)
        .map_err(|e| format!("TLS set-up failed: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let server_name = ServerName::try_from(host.to_string())
        .map_err(|_| format!("{host:?} is not a valid TLS server name"))?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let work = async {
        let tcp = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("cannot connect to {addr}: {e}"))?;
        let tls = connector
            .connect(server_name, tcp)
            .await
            .map_err(|e| describe_handshake_error(&e))?;
        let (_, conn) = tls.get_ref();
        let version = conn
            .protocol_version()
            .map(|v| format!("{v:?}"))
            .unwrap_or_default();
        let leaf = conn
            .peer_certificates()
            .and_then(|c| c.first())
            .and_then(|c| cert_info(c.as_ref()));
        Ok::<_, String>((version, leaf))
    };
    let (version, leaf) = tokio::time::timeout(timeout, work)
        .await
        .map_err(|_| format!("no TLS handshake within {} s", timeout.as_secs()))??;
    let trust = recorder
        .outcome
        .lock()
        .ok()
        .and_then(|o| o.clone())
        .unwrap_or(Err(TrustProblem::Other(
            "the server sent no certificate".into(),
        )));
    Ok(Handshake {
        version,
        trust,
        leaf,
    })
}

fn describe_handshake_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    if text.contains("InvalidContentType") || text.contains("corrupt message") {
        "the server did not answer with TLS (plain text on a TLS port?)".into()
    } else if text.contains("PeerIncompatible") || text.contains("ProtocolVersion") {
        format!("no protocol version in common ({text})")
    } else {
        format!("TLS handshake failed: {text}")
    }
}

/// Judges the trust decision of a handshake.
pub fn judge_trust(host: &str, hs: &Handshake) -> Judgement {
    let issuer = hs
        .leaf
        .as_ref()
        .map(|l| l.issuer.clone())
        .unwrap_or_default();
    let j = match &hs.trust {
        Ok(()) => Judgement::pass(format!(
            "certificate for {host} is trusted (issuer {issuer})"
        )),
        Err(TrustProblem::UnknownIssuer) => Judgement::fail(format!(
            "certificate for {host} is signed by an untrusted CA ({issuer}); use a public CA, or add the staging CA to the endpoints' CA files"
        )),
        Err(TrustProblem::WrongHost(names)) => Judgement::fail(format!(
            "certificate does not cover {host}; it names {}",
            if names.is_empty() {
                "no host".to_string()
            } else {
                names.join(", ")
            }
        )),
        Err(TrustProblem::Expired) => {
            Judgement::fail(format!("certificate for {host} has expired"))
        }
        Err(TrustProblem::NotYetValid) => {
            Judgement::fail(format!("certificate for {host} is not valid yet"))
        }
        Err(TrustProblem::Other(e)) => {
            Judgement::fail(format!("certificate for {host} is not accepted: {e}"))
        }
    };
    j.with("issuer", issuer).with("version", hs.version.clone())
}

/// Judges expiry: fail before launch + 30 days, warn at 60 days or less left.
pub fn judge_expiry(leaf: &CertInfo, now: DateTime<Utc>, launch: NaiveDate) -> Judgement {
    let days_left = (leaf.not_after - now).num_days();
    let needed = launch + chrono::Days::new(EXPIRY_MARGIN_DAYS as u64);
    let expires = leaf.not_after.date_naive();
    let j = if expires < needed {
        Judgement::fail(format!(
            "certificate expires on {expires} ({days_left} days left), before launch + {EXPIRY_MARGIN_DAYS} days ({needed}); renew it"
        ))
    } else if days_left <= EXPIRY_WARN_DAYS {
        Judgement::warn(format!(
            "certificate expires on {expires}, only {days_left} days left; check auto-renewal"
        ))
    } else {
        Judgement::pass(format!(
            "certificate valid until {expires} ({days_left} days left)"
        ))
    };
    j.with("days_left", days_left)
        .with("not_after", leaf.not_after.to_rfc3339())
}

/// What the version probes showed. `None`: that version could not be tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VersionSupport {
    pub tls10: Option<bool>,
    pub tls11: Option<bool>,
    pub tls12: bool,
    pub tls13: bool,
}

/// P when only TLS 1.2/1.3 are offered; F if 1.0 or 1.1 is accepted.
pub fn judge_versions(host: &str, v: &VersionSupport) -> Judgement {
    let mut offered = Vec::new();
    for (name, on) in [
        ("TLS 1.0", v.tls10 == Some(true)),
        ("TLS 1.1", v.tls11 == Some(true)),
        ("TLS 1.2", v.tls12),
        ("TLS 1.3", v.tls13),
    ] {
        if on {
            offered.push(name);
        }
    }
    let j = if v.tls10 == Some(true) || v.tls11 == Some(true) {
        Judgement::fail(format!(
            "{host} still accepts outdated protocols ({}); disable TLS 1.0 and 1.1",
            offered.join(", ")
        ))
    } else if !v.tls12 && !v.tls13 {
        Judgement::error(format!("{host} completed no TLS 1.2 or 1.3 handshake"))
    } else {
        Judgement::pass(format!("{host} offers {}", offered.join(" and ")))
    };
    j.with("tls1_0", v.tls10)
        .with("tls1_1", v.tls11)
        .with("tls1_2", v.tls12)
        .with("tls1_3", v.tls13)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Verdict;

    fn leaf(days: i64, now: DateTime<Utc>) -> CertInfo {
        CertInfo {
            subject: "CN=shop".into(),
            issuer: "CN=ca".into(),
            names: vec!["shop.test".into()],
            not_after: now + chrono::Duration::days(days),
        }
    }

    #[test]
    fn expiry_is_judged_against_launch_plus_thirty_days() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let launch = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        // Expires 2027-02-24, after launch + 30 days (2027-02-14), with 90 days left.
        assert_eq!(
            judge_expiry(&leaf(90, now), now, launch).verdict,
            Verdict::Pass
        );
        // Expires 2027-02-04, before launch + 30 days.
        let early = judge_expiry(&leaf(70, now), now, launch);
        assert_eq!(early.verdict, Verdict::Fail);
        assert_eq!(early.observed["days_left"], 70);
        // Launch tomorrow, 45 days left: past launch + 30, but ≤ 60 days left.
        let soon = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(
            judge_expiry(&leaf(45, now), now, soon).verdict,
            Verdict::Warn
        );
        assert_eq!(
            judge_expiry(&leaf(-1, now), now, soon).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn legacy_protocols_fail_the_version_check() {
        let modern = VersionSupport {
            tls10: Some(false),
            tls11: Some(false),
            tls12: true,
            tls13: true,
        };
        assert_eq!(judge_versions("h", &modern).verdict, Verdict::Pass);
        let legacy = VersionSupport {
            tls10: Some(true),
            ..modern
        };
        let j = judge_versions("h", &legacy);
        assert_eq!(j.verdict, Verdict::Fail);
        assert!(j.finding.contains("TLS 1.0"), "{}", j.finding);
        let nothing = VersionSupport::default();
        assert_eq!(judge_versions("h", &nothing).verdict, Verdict::Error);
    }

    #[test]
    fn trust_problems_read_as_fails_with_a_reason() {
        let hs = |trust| Handshake {
            version: "TLSv1_3".into(),
            trust,
            leaf: None,
        };
        assert_eq!(judge_trust("h", &hs(Ok(()))).verdict, Verdict::Pass);
        let wrong = judge_trust("h", &hs(Err(TrustProblem::WrongHost(vec!["other".into()]))));
        assert_eq!(wrong.verdict, Verdict::Fail);
        assert!(wrong.finding.contains("other"));
        let ca = judge_trust("h", &hs(Err(TrustProblem::UnknownIssuer)));
        assert!(ca.finding.contains("staging CA"));
    }
}
