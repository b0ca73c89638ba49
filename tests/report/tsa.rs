//! A real RFC 3161 timestamp authority on loopback for the tests: `openssl ts -reply` behind a
//! minimal HTTP server, answering each POSTed request with the reply openssl signs. It stops
//! when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

pub struct TestTsa {
    pub url: String,
    /// How many timestamps it gave.
    pub served: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    thread: Option<JoinHandle<()>>,
}

/// `dir` holds `tsa.pem` and `tsa.key` (a certificate with the critical timeStamping extended
/// key usage) and `tsa-chain.pem` (its issuers).
pub fn start(dir: &Path) -> TestTsa {
    let config = dir.join("tsa.cnf");
    std::fs::write(dir.join("tsaserial"), "01\n").unwrap();
    std::fs::write(
        &config,
        format!(
            "[tsa]\ndefault_tsa = golive_test\n[golive_test]\nserial = {d}/tsaserial\n\
             signer_cert = {d}/tsa.pem\nsigner_key = {d}/tsa.key\ncerts = {d}/tsa-chain.pem\n\
             signer_digest = sha256\ndefault_policy = 1.3.6.1.4.1.55555.1\n\
             digests = sha256, sha384, sha512\naccuracy = secs:1\nordering = yes\n\
             tsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
            d = dir.display()
        ),
    )
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let (stop2, served2, dir) = (stop.clone(), served.clone(), dir.to_path_buf());
    let thread = std::thread::spawn(move || {
        for conn in listener.incoming() {
            if stop2.load(Ordering::SeqCst) {
                break;
            }
            let Ok(conn) = conn else { continue };
            let n = served2.fetch_add(1, Ordering::SeqCst);
            if let Err(e) = answer(conn, &dir, &config, n) {
                eprintln!("test TSA: {e}");
            }
        }
    });
    TestTsa {
        url: format!("http://{addr}/tsa"),
        served,
        stop,
        addr,
        thread: Some(thread),
    }
}

fn answer(conn: TcpStream, dir: &Path, config: &Path, n: usize) -> std::io::Result<()> {
    conn.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut query = vec![0; length];
    reader.read_exact(&mut query)?;
    let (query_file, reply_file): (PathBuf, PathBuf) = (
        dir.join(format!("query-{n}.tsq")),
        dir.join(format!("reply-{n}.tsr")),
    );
    std::fs::write(&query_file, &query)?;
    let out = Command::new("openssl")
        .args(["ts", "-reply", "-config"])
        .arg(config)
        .arg("-queryfile")
        .arg(&query_file)
        .arg("-out")
        .arg(&reply_file)
        .output()?;
    let mut conn = conn;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        write!(
            conn,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
            text.len()
        )?;
        return Ok(());
    }
    let reply = std::fs::read(&reply_file)?;
    write!(
        conn,
        "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reply.len()
    )?;
    conn.write_all(&reply)?;
    conn.flush()
}

impl Drop for TestTsa {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
