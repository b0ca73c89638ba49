//! Loopback servers for the probe tests: a small HTTP/1.1 server (plain or TLS through
//! tokio-rustls, certificates made by rcgen), hostile servers, and a DNS server.
//!
//! Everything listens on 127.0.0.1 with a port chosen by the OS and stops with the runtime.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{Datelike, Utc};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A test CA that signs leaf certificates.
pub struct TestCa {
    pub pem: String,
    issuer: Issuer<'static, KeyPair>,
}

fn ymd(days_from_now: i64) -> (i32, u8, u8) {
    let d = (Utc::now() + chrono::Duration::days(days_from_now)).date_naive();
    (d.year(), d.month() as u8, d.day() as u8)
}

impl TestCa {
    pub fn new(name: &str) -> TestCa {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.self_signed(&key).unwrap();
        TestCa {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A leaf for `names`, valid from yesterday for `days` days (negative: already expired).
    pub fn leaf(&self, names: &[&str], days: i64) -> Leaf {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .unwrap();
        params.distinguished_name.push(DnType::CommonName, names[0]);
        let (start, end) = if days < 0 {
            (ymd(days - 30), ymd(days))
        } else {
            (ymd(-1), ymd(days))
        };
        params.not_before = rcgen::date_time_ymd(start.0, start.1, start.2);
        params.not_after = rcgen::date_time_ymd(end.0, end.1, end.2);
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Leaf {
            chain: vec![cert.der().clone()],
            key: PrivatePkcs8KeyDer::from(key.serialize_der()).into(),
        }
    }

    /// Writes the CA certificate to a PEM file in `dir` and returns its path.
    pub fn write_pem(&self, dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("test-ca.pem");
        std::fs::write(&path, &self.pem).unwrap();
        path
    }
}

pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

/// Which TLS versions a test server offers.
#[derive(Clone, Copy)]
pub enum TlsVersions {
    Both,
    Only12,
    Only13,
}

pub fn server_config(leaf: &Leaf, versions: TlsVersions) -> Arc<rustls::ServerConfig> {
    let v: &[&rustls::SupportedProtocolVersion] = match versions {
        TlsVersions::Both => rustls::ALL_VERSIONS,
        TlsVersions::Only12 => &[&rustls::version::TLS12],
        TlsVersions::Only13 => &[&rustls::version::TLS13],
    };
    Arc::new(
        rustls::ServerConfig::builder_with_protocol_versions(v)
            .with_no_client_auth()
            .with_single_cert(leaf.chain.clone(), leaf.key.clone_key())
            .unwrap(),
    )
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: BTreeMap<String, String>,
}

/// An answer of the test server.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }
    pub fn body(mut self, b: impl Into<Vec<u8>>) -> Reply {
        self.body = b.into();
        self
    }
    pub fn redirect(status: u16, to: &str) -> Reply {
        Reply::new(status).header("Location", to)
    }
}

pub type Routes = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

/// A running HTTP(S) test server.
pub struct TestServer {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl TestServer {
    pub fn port(&self) -> u16 {
        self.addr.port()
    }
    pub fn authorizations(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter_map(|s| s.headers.get("authorization").cloned())
            .collect()
    }
}

/// Starts an HTTP server (TLS when `tls` is given) answering with `routes`.
pub async fn serve(tls: Option<Arc<rustls::ServerConfig>>, routes: Routes) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                break;
            };
            // As real web servers do: without it, Nagle's algorithm holds a small answer until
            // the client's delayed ACK (40 ms on Linux) and every request looks 40 ms slow.
            let _ = tcp.set_nodelay(true);
            let routes = routes.clone();
            let log = log.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    Some(cfg) => {
                        if let Ok(stream) = tokio_rustls::TlsAcceptor::from(cfg).accept(tcp).await {
                            let _ = handle(stream, routes, log).await;
                        }
                    }
                    None => {
                        let _ = handle(tcp, routes, log).await;
                    }
                }
            });
        }
    });
    TestServer { addr, seen }
}

async fn handle<S>(stream: S, routes: Routes, log: Arc<Mutex<Vec<Seen>>>) -> std::io::Result<()>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let path = parts.next().unwrap_or("/").to_string();
        let mut headers = BTreeMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).await? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let seen = Seen {
            method,
            path,
            headers,
        };
        let reply = routes(&seen);
        log.lock().unwrap().push(seen.clone());
        let mut head = format!(
            "HTTP/1.1 {} X\r\ncontent-length: {}\r\n",
            reply.status,
            reply.body.len()
        );
        for (k, v) in &reply.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        // Head and body in one write, as real servers send them.
        let mut answer = head.into_bytes();
        if seen.method != "HEAD" {
            answer.extend_from_slice(&reply.body);
        }
        let out = reader.get_mut();
        out.write_all(&answer).await?;
        out.flush().await?;
    }
}

/// Misbehaving servers, each on its own port.
#[derive(Clone, Copy, Debug)]
pub enum Hostile {
    /// Accepts and never answers.
    Silent,
    /// Sends a byte every 300 ms, forever.
    Trickle,
    /// Resets every connection.
    Reset,
    /// A 50 MB body without a length, then closes.
    Huge,
    /// Plain text where TLS is expected.
    PlainText,
}

pub async fn hostile(kind: Hostile) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut tcp, _)) = listener.accept().await else {
                break;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                match kind {
                    Hostile::Silent => {
                        let _ = tcp.read(&mut buf).await;
                        tokio::time::sleep(Duration::from_secs(120)).await;
                    }
                    Hostile::Trickle => {
                        let _ = tcp.read(&mut buf).await;
                        let _ = tcp.write_all(b"HTTP/1.1 200 OK\r\n").await;
                        loop {
                            if tcp.write_all(b"x").await.is_err() {
                                break;
                            }
                            tokio::time::sleep(Duration::from_millis(300)).await;
                        }
                    }
                    Hostile::Reset => {
                        // Linger 0 turns the close into a TCP reset; the blocking-drop concern
                        // of the deprecation does not apply to a zero linger.
                        #[allow(deprecated)]
                        let _ = tcp.set_linger(Some(Duration::ZERO));
                        drop(tcp);
                    }
                    Hostile::Huge => {
                        let _ = tcp.read(&mut buf).await;
                        let _ = tcp
                            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n")
                            .await;
                        let chunk = vec![b'a'; 1024 * 1024];
                        for _ in 0..50 {
                            if tcp.write_all(&chunk).await.is_err() {
                                break;
                            }
                        }
                    }
                    Hostile::PlainText => {
                        let _ = tcp.read(&mut buf).await;
                        let _ = tcp.write_all(b"hello, this is not TLS\r\n").await;
                    }
                }
            });
        }
    });
    addr
}

/// Connects to be sure a server is up (the listeners bind before returning, so this is only
/// for hostile servers started in another task).
pub async fn reachable(addr: SocketAddr) -> bool {
    TcpStream::connect(addr).await.is_ok()
}
