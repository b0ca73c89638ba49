//! Long-term validation (PAdES B-LT) judged by pyHanko: a report signed and countersigned
//! with a test CA chain whose CAs publish CRLs (made by `openssl ca -gencrl`, served by a
//! loopback HTTP server the test starts), each signature timestamped by the loopback `openssl
//! ts` authority. The CRL server is stopped before pyHanko runs, so what it finds is what
//! the file's DSS holds. And the offline case: no CRL server, the export still succeeds and
//! says what is missing.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use golive::report::{self, ExportOptions, Identity};
use tempfile::TempDir;

use super::validators::{issue, openssl, p12, pdfsig, venv};
use super::{exported, run};

/// Serves the files of a folder over HTTP GET on loopback (`/NAME` is `DIR/NAME`); stops
/// when dropped.
struct CrlServer {
    served: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl CrlServer {
    fn start(listener: TcpListener, dir: PathBuf) -> CrlServer {
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(AtomicUsize::new(0));
        let (stop2, served2) = (stop.clone(), served.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                match answer(conn, &dir) {
                    Ok(true) => {
                        served2.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(false) => {}
                    Err(e) => eprintln!("test CRL server: {e}"),
                }
            }
        });
        CrlServer {
            served,
            stop,
            addr,
            thread: Some(thread),
        }
    }
}

fn answer(mut conn: TcpStream, dir: &Path) -> std::io::Result<bool> {
    conn.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }
    let name = request
        .split_whitespace()
        .nth(1)
        .and_then(|path| path.strip_prefix('/'))
        .filter(|name| !name.contains('/') && !name.is_empty())
        .unwrap_or("");
    match std::fs::read(dir.join(name)) {
        Ok(body) if request.starts_with("GET ") => {
            write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            conn.write_all(&body)?;
            Ok(true)
        }
        _ => {
            write!(
                conn,
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )?;
            Ok(false)
        }
    }
}

impl Drop for CrlServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A CA chain whose CAs publish CRLs at `base`: root → "GoLive LTV Signing CA" → Erik
/// Lund (end entity, as PKCS#12 with its chain), and a TSA under the root.
struct Chain {
    dir: TempDir,
    root: PathBuf,
    erik: PathBuf,
}

fn chain(base: &str) -> Chain {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("ext.cnf"),
        format!(
            "[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[inter]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
crlDistributionPoints=URI:{base}/root.crl
[ee]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
crlDistributionPoints=URI:{base}/inter.crl
[tsa]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,timeStamping
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
crlDistributionPoints=URI:{base}/root.crl
"
        ),
    )
    .unwrap();
    let org = "O=Nordlicht Outdoor GmbH";
    issue(
        d,
        "root",
        &format!("/CN=GoLive LTV Root CA/{org}"),
        None,
        "ca",
    );
    issue(
        d,
        "inter",
        &format!("/CN=GoLive LTV Signing CA/{org}"),
        Some("root"),
        "inter",
    );
    issue(
        d,
        "erik",
        &format!("/CN=Erik Lund/{org}"),
        Some("inter"),
        "ee",
    );
    issue(
        d,
        "tsa",
        &format!("/CN=GoLive LTV TSA/{org}"),
        Some("root"),
        "tsa",
    );
    std::fs::copy(d.join("root.pem"), d.join("tsa-chain.pem")).unwrap();
    for ca in ["root", "inter"] {
        gencrl(d, ca);
    }
    let erik = p12(d, "erik", &["inter", "root"]);
    Chain {
        root: d.join("root.pem"),
        erik,
        dir,
    }
}

/// `CA.crl`: the (empty) DER CRL of CA, made with `openssl ca -gencrl`.
fn gencrl(d: &Path, ca: &str) {
    std::fs::write(d.join(format!("{ca}-index.txt")), "").unwrap();
    std::fs::write(d.join(format!("{ca}-crlnumber")), "01\n").unwrap();
    std::fs::write(
        d.join(format!("{ca}-ca.cnf")),
        format!(
            "[ca]\ndefault_ca = this\n[this]\ndatabase = {ca}-index.txt\n\
             crlnumber = {ca}-crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n\
             crl_extensions = crl_ext\n[crl_ext]\nauthorityKeyIdentifier = keyid:always\n"
        ),
    )
    .unwrap();
    let (cnf, key, cert, pem, der) = (
        format!("{ca}-ca.cnf"),
        format!("{ca}.key"),
        format!("{ca}.pem"),
        format!("{ca}.crl.pem"),
        format!("{ca}.crl"),
    );
    openssl(
        d,
        &[
            "ca", "-gencrl", "-config", &cnf, "-keyfile", &key, "-cert", &cert, "-out", &pem,
        ],
    );
    openssl(d, &["crl", "-in", &pem, "-outform", "der", "-out", &der]);
}

/// `pyhanko sign adesverify`: AdES validation (ETSI EN 319 102-1) with revocation data
/// required for every certificate below the trust root, from what the file carries.
fn adesverify(pdf: &Path, root: &Path) -> (bool, String) {
    let bin = venv().join("bin/pyhanko");
    run(
        bin.to_str().unwrap(),
        &[
            "sign",
            "adesverify",
            "--trust",
            root.to_str().unwrap(),
            "--trust-replace",
            "--pretty-print",
            pdf.to_str().unwrap(),
        ],
    )
}

fn golive_verify(pdf: &Path) -> String {
    let out = crate::common::golive(&pdf.with_extension("db"))
        .args(["verify", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_report_with_its_validation_data_passes_pyhankos_long_term_validation() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let pki = chain(&base);
    let crls = CrlServer::start(listener, pki.dir.path().to_path_buf());
    let tsa = super::tsa::start(pki.dir.path());
    let authority = report::TimestampAuthority::new(&tsa.url).unwrap();
    let identity = Identity::from_pkcs12(&std::fs::read(&pki.erik).unwrap(), "secret").unwrap();

    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("lt.pdf");
    let options = ExportOptions {
        keys_dir: exported().keys.clone(),
        identity: Some(identity),
        tsa: Some(authority.clone()),
    };
    let done = report::export_data(super::data(), &pdf, &options).unwrap();
    assert!(done.validation_problems.is_empty(), "{done:#?}");
    report::countersign_with(&pdf, &pki.erik, "secret", None, Some(&authority)).unwrap();
    // Two CRLs for each of the two signatures (the signer's CA's and the root's).
    assert_eq!(crls.served.load(Ordering::SeqCst), 4);
    drop(crls);
    drop(tsa);

    let v = report::verify(&pdf).unwrap();
    assert!(v.is_ok(), "{v:#?}");
    let data = v.validation_data.clone().unwrap();
    assert_eq!(data.summary(), "4 certificates, 2 CRLs", "{data:#?}");
    assert!(data.without_revocation.is_empty(), "{data:#?}");
    let out = golive_verify(&pdf);
    assert!(
        out.contains("Validation data: 4 certificates, 2 CRLs"),
        "{out}"
    );

    // pyHanko warns "No document timestamps after signature; proceeding without past proof
    // of existence": that is B-LTA (document timestamps), which this file does not claim.
    let (ok, out) = adesverify(&pdf, &pki.root);
    assert!(ok, "{out}");
    assert_eq!(
        out.matches("The signature is judged VALID").count(),
        2,
        "{out}"
    );
    assert_eq!(
        out.matches("The signer's certificate is trusted.").count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("All modifications relate to signature maintenance"),
        "{out}"
    );
    let (rows, out) = pdfsig(&pdf, None);
    assert_eq!(rows.len(), 2, "{out}");
    assert!(
        rows.iter().all(|(s, _)| s == "Signature is Valid."),
        "{out}"
    );
}

#[test]
fn without_a_crl_server_the_export_succeeds_and_says_what_is_missing() {
    // A port nothing listens on: the CRL fetch is refused at once.
    let base = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let pki = chain(&base);
    let identity = Identity::from_pkcs12(&std::fs::read(&pki.erik).unwrap(), "secret").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("offline.pdf");
    let options = ExportOptions {
        keys_dir: exported().keys.clone(),
        identity: Some(identity),
        tsa: None,
    };
    let done = report::export_data(super::data(), &pdf, &options).unwrap();
    assert_eq!(done.validation_problems.len(), 2, "{done:#?}");
    assert!(
        done.validation_problems[0].contains(&format!("from {base}/inter.crl")),
        "{done:#?}"
    );

    let v = report::verify(&pdf).unwrap();
    assert!(v.is_ok(), "{v:#?}");
    let data = v.validation_data.clone().unwrap();
    assert_eq!(data.summary(), "3 certificates, 0 CRLs");
    assert_eq!(data.without_revocation.len(), 2, "{data:#?}");
    let out = golive_verify(&pdf);
    assert!(
        out.contains("Validation data: 3 certificates, 0 CRLs")
            && out.contains("no revocation data for O=Nordlicht Outdoor GmbH,CN=Erik Lund"),
        "{out}"
    );

    // Long-term validation fails for want of revocation data, as it should.
    let (ok, out) = adesverify(&pdf, &pki.root);
    assert!(
        !ok && out.contains("The signer's certificate is untrusted."),
        "{out}"
    );
}
