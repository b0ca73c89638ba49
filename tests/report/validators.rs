//! Signed reports judged by independent validators, as a strict reviewer would: pyHanko (from
//! PyPI, in the virtual environment `scripts/setup.sh pyhanko` makes) and poppler's `pdfsig`,
//! over a fresh report, one, two and three countersignatures, and a tampered corpus; on every
//! file `golive verify` must give each signature the verdict pyHanko gives it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use golive::report;
use tempfile::TempDir;

use super::{copy_of, exported, run};

/// The pyHanko virtual environment (the same default as scripts/setup.sh).
pub(super) fn venv() -> PathBuf {
    let dir = std::env::var_os("GOLIVE_PYHANKO_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/golive/pyhanko")
        });
    assert!(
        dir.join("bin/pyhanko").exists(),
        "pyHanko is missing in {}; run scripts/setup.sh pyhanko",
        dir.display()
    );
    dir
}

fn tamper_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf-tamper/tamper.py")
}

/// A test PKI made with the openssl CLI: a root CA, an intermediate CA, and two stakeholders
/// with end-entity certificates fit for signing (Marta under the intermediate, Jonas under
/// the root), each as a PKCS#12 file with its chain.
struct Pki {
    dir: TempDir,
    root: PathBuf,
    marta: PathBuf,
    jonas: PathBuf,
}

const EXTENSIONS: &str = "[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[ee]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[tsa]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,timeStamping
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
";

pub(super) fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl is missing; run scripts/setup.sh pdf");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub(super) fn issue(dir: &Path, name: &str, subject: &str, issuer: Option<&str>, ext: &str) {
    let (key, csr, pem) = (
        format!("{name}.key"),
        format!("{name}.csr"),
        format!("{name}.pem"),
    );
    openssl(
        dir,
        &[
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-subj",
            subject,
        ],
    );
    // Distinct serials, so no two certificates share issuer and serial number.
    let serial = format!(
        "{}",
        1000 + name.len() * 7 + usize::from(name.as_bytes()[0])
    );
    let mut args = vec![
        "x509",
        "-req",
        "-in",
        &csr,
        "-out",
        &pem,
        "-days",
        "60",
        "-extfile",
        "ext.cnf",
        "-extensions",
        ext,
        "-set_serial",
        &serial,
    ];
    let (ca_pem, ca_key) = issuer
        .map(|ca| (format!("{ca}.pem"), format!("{ca}.key")))
        .unwrap_or_default();
    match issuer {
        Some(_) => args.extend(["-CA", &ca_pem, "-CAkey", &ca_key]),
        None => args.extend(["-key", &key]),
    }
    openssl(dir, &args);
}

pub(super) fn p12(dir: &Path, name: &str, chain: &[&str]) -> PathBuf {
    let certfile = format!("{name}-chain.pem");
    let mut pem = Vec::new();
    for ca in chain {
        pem.extend(std::fs::read(dir.join(format!("{ca}.pem"))).unwrap());
    }
    std::fs::write(dir.join(&certfile), pem).unwrap();
    let out = format!("{name}.p12");
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            &format!("{name}.key"),
            "-in",
            &format!("{name}.pem"),
            "-certfile",
            &certfile,
            "-out",
            &out,
            "-passout",
            "pass:secret",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-certpbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
    );
    dir.join(out)
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ext.cnf"), EXTENSIONS).unwrap();
        issue(
            d,
            "root",
            "/CN=GoLive Test Root CA/O=Nordlicht Outdoor GmbH",
            None,
            "ca",
        );
        issue(
            d,
            "inter",
            "/CN=GoLive Test Signing CA/O=Nordlicht Outdoor GmbH",
            Some("root"),
            "ca",
        );
        issue(
            d,
            "marta",
            "/CN=Marta Nowak/O=Nordlicht Outdoor GmbH",
            Some("inter"),
            "ee",
        );
        issue(
            d,
            "jonas",
            "/CN=Jonas Berg/O=Nordlicht Outdoor GmbH",
            Some("root"),
            "ee",
        );
        issue(
            d,
            "tsa",
            "/CN=GoLive Test TSA/O=Nordlicht Outdoor GmbH",
            Some("root"),
            "tsa",
        );
        std::fs::copy(d.join("root.pem"), d.join("tsa-chain.pem")).unwrap();
        let marta = p12(d, "marta", &["inter", "root"]);
        let jonas = p12(d, "jonas", &["root"]);
        Pki {
            root: d.join("root.pem"),
            marta,
            jonas,
            dir,
        }
    })
}

/// The consultant's self-signed certificate as PEM, for pyHanko's trust list.
fn consultant_pem() -> &'static PathBuf {
    static PEM: OnceLock<PathBuf> = OnceLock::new();
    PEM.get_or_init(|| {
        let out = pki().dir.path().join("consultant.pem");
        let der = exported().keys.join("consultant.crt");
        let (ok, text) = run(
            "openssl",
            &[
                "x509",
                "-inform",
                "der",
                "-in",
                der.to_str().unwrap(),
                "-out",
                out.to_str().unwrap(),
            ],
        );
        assert!(ok, "{text}");
        out
    })
}

/// The exported report and its copies after one, two and three countersignatures (Marta,
/// Jonas, Marta again).
struct Countersigned {
    _dir: TempDir,
    files: Vec<PathBuf>,
}

fn countersigned() -> &'static Countersigned {
    static FILES: OnceLock<Countersigned> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut files = vec![copy_of(&exported().pdf, dir.path(), "signed-0.pdf")];
        let signers = [&pki().marta, &pki().jonas, &pki().marta];
        for (n, p12) in signers.into_iter().enumerate() {
            let next = copy_of(&files[n], dir.path(), &format!("signed-{}.pdf", n + 1));
            report::countersign(&next, p12, "secret", Some("Go")).unwrap();
            files.push(next);
        }
        Countersigned { _dir: dir, files }
    })
}

/// Each signature's field name and whether it is judged valid, in file order; `None` when
/// the validator cannot read the file at all.
type Verdicts = Option<Vec<(String, bool)>>;

/// pyHanko's verdicts.
fn pyhanko(pdf: &Path) -> (Verdicts, String) {
    let bin = venv().join("bin/pyhanko");
    let (root, consultant) = (
        pki().root.to_str().unwrap(),
        consultant_pem().to_str().unwrap(),
    );
    let (_, out) = run(
        bin.to_str().unwrap(),
        &[
            "sign",
            "validate",
            "--no-revocation-check",
            "--trust",
            consultant,
            "--trust",
            root,
            "--trust-replace",
            "--pretty-print",
            pdf.to_str().unwrap(),
        ],
    );
    if out.contains("Failed to read PDF file") {
        return (None, out);
    }
    let mut verdicts = Vec::new();
    let mut field = None;
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("Field ") {
            field = rest
                .split_once(": ")
                .map(|(_, name)| name.trim().to_string());
        } else if line.starts_with("The signature is judged ") {
            let valid = line.contains("judged VALID");
            verdicts.push((field.take().unwrap_or_default(), valid));
        }
    }
    (Some(verdicts), out)
}

/// `golive verify`'s verdicts.
fn golive_verdicts(pdf: &Path) -> Verdicts {
    let v = report::verify(pdf).ok()?;
    Some(
        v.signatures
            .iter()
            .map(|s| (s.field.clone(), s.valid))
            .collect(),
    )
}

/// pdfsig's "Signature Validation" and "Certificate Validation" lines per signature.
pub(super) fn pdfsig(pdf: &Path, nss: Option<&Path>) -> (Vec<(String, String)>, String) {
    let mut args = vec![];
    if let Some(dir) = nss {
        args.extend(["-nssdir", dir.to_str().unwrap()]);
    }
    args.push(pdf.to_str().unwrap());
    let (_, out) = run("pdfsig", &args);
    let mut rows = Vec::new();
    let mut signature = String::new();
    for line in out.lines() {
        if let Some(v) = line.trim().strip_prefix("- Signature Validation: ") {
            signature = v.to_string();
        } else if let Some(v) = line.trim().strip_prefix("- Certificate Validation: ") {
            rows.push((std::mem::take(&mut signature), v.to_string()));
        }
    }
    (rows, out)
}

#[test]
fn the_consultants_certificate_is_an_end_entity_fit_for_signing() {
    let (ok, text) = run(
        "openssl",
        &[
            "x509",
            "-noout",
            "-text",
            "-in",
            consultant_pem().to_str().unwrap(),
        ],
    );
    assert!(ok, "{text}");
    assert!(text.contains("CA:FALSE"), "{text}");
    assert!(
        text.contains("Digital Signature, Non Repudiation"),
        "{text}"
    );
    assert!(!text.contains("Certificate Sign"), "{text}");
    assert!(
        text.contains("Subject: O = GoLive Planner consultant, CN = Ada Park"),
        "{text}"
    );
    // documentSigning alone would make NSS refuse it.
    assert!(!text.contains("Extended Key Usage"), "{text}");
}

#[test]
fn a_fresh_report_is_a_certification_valid_in_pyhanko_and_pdfsig() {
    let pdf = &exported().pdf;
    let (verdicts, out) = pyhanko(pdf);
    assert_eq!(
        verdicts,
        Some(vec![("Consultant".to_string(), true)]),
        "{out}"
    );
    // pyHanko reads the certification (DocMDP) level itself.
    let python = venv().join("bin/python");
    let (ok, level) = run(
        python.to_str().unwrap(),
        &[
            "-c",
            "import sys\nfrom pyhanko.pdf_utils.reader import PdfFileReader\n\
             r = PdfFileReader(open(sys.argv[1], 'rb'))\n\
             print([str(s.docmdp_level) for s in r.embedded_signatures])",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(ok && level.contains("['MDPPerm.FILL_FORMS']"), "{level}");

    let (rows, out) = pdfsig(pdf, None);
    assert_eq!(
        rows,
        vec![(
            "Signature is Valid.".to_string(),
            "Certificate issuer is unknown.".to_string()
        )],
        "{out}"
    );
    // The signature is followed by its long-term validation data (a DSS update), so it
    // signs the revision before it, as with every B-LT file.
    assert!(out.contains("Not total document signed"), "{out}");
    let v = report::verify(pdf).unwrap();
    assert!(
        v.validation_data
            .as_ref()
            .is_some_and(|d| d.certificates == 1),
        "{v:#?}"
    );
}

#[test]
fn every_signature_stays_valid_after_one_two_and_three_countersignatures() {
    for (n, pdf) in countersigned().files.iter().enumerate().skip(1) {
        let (verdicts, out) = pyhanko(pdf);
        let verdicts = verdicts.unwrap_or_else(|| panic!("pyHanko cannot read it: {out}"));
        assert_eq!(verdicts.len(), n + 1, "{out}");
        assert!(verdicts.iter().all(|(_, valid)| *valid), "{out}");
        assert!(
            !out.contains("illegitimate"),
            "after {n} countersignature(s): {out}"
        );
        assert_eq!(
            golive_verdicts(pdf),
            Some(verdicts),
            "{n} countersignature(s)"
        );
        let v = report::verify(pdf).unwrap();
        assert!(v.is_ok(), "{v:#?}");

        let (rows, out) = pdfsig(pdf, None);
        assert_eq!(rows.len(), n + 1, "{out}");
        for (signature, certificate) in &rows {
            assert_eq!(signature, "Signature is Valid.", "{out}");
            assert!(!certificate.contains("Unknown issue"), "{out}");
        }
    }
}

#[test]
fn an_imported_chain_travels_in_the_signature_and_a_trusted_issuer_is_clean() {
    // Only the root is trusted: pyHanko can only reach Marta's certificate through the
    // intermediate CA that her PKCS#12 carried into the signature.
    let pdf = &countersigned().files[1];
    let (verdicts, out) = pyhanko(pdf);
    assert_eq!(
        verdicts.as_ref().map(|v| v[1].clone()),
        Some(("Countersignature2".to_string(), true)),
        "{out}"
    );
    assert!(
        out.contains("Common Name: GoLive Test Root CA\"\nThe signer's certificate is trusted."),
        "{out}"
    );

    // pdfsig, with an NSS database that trusts the test root, has nothing to say about it.
    let nss = tempfile::tempdir().unwrap();
    let db = format!("sql:{}", nss.path().display());
    let (ok, text) = run("certutil", &["-N", "-d", &db, "--empty-password"]);
    assert!(
        ok,
        "certutil is missing or failed ({text}); run scripts/setup.sh pyhanko"
    );
    let (ok, text) = run(
        "certutil",
        &[
            "-A",
            "-d",
            &db,
            "-n",
            "golive-test-root",
            "-t",
            "C,C,C",
            "-i",
            pki().root.to_str().unwrap(),
        ],
    );
    assert!(ok, "{text}");
    let (rows, out) = pdfsig(pdf, Some(nss.path()));
    assert_eq!(
        rows[1],
        (
            "Signature is Valid.".to_string(),
            "Certificate is Trusted.".to_string()
        ),
        "{out}"
    );
}

/// A copy of `pdf` with one byte changed in revision `k` (1-based): in the first (the report
/// before any signature) a byte of a content stream, in a signature's revision the first
/// letter of its reason, flipped in case — nothing a parser trips on. Signature `j` is
/// revision `2j`: each is followed by its validation data (a DSS update).
fn with_byte_changed(pdf: &Path, dir: &Path, k: usize) -> PathBuf {
    let mut bytes = std::fs::read(pdf).unwrap();
    let ends: Vec<usize> = bytes
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"%%EOF")
        .map(|(i, _)| i)
        .collect();
    let (start, end) = if k == 1 {
        (0, ends[0])
    } else {
        (ends[k - 2], ends[k - 1])
    };
    let (needle, skip): (&[u8], usize) = if k == 1 {
        (b"stream\n", 40)
    } else {
        (b"/Reason (", 9)
    };
    let at = start
        + bytes[start..end]
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap()
        + skip;
    bytes[at] ^= 0x20;
    let out = dir.join(format!("reason-{k}.pdf"));
    std::fs::write(&out, bytes).unwrap();
    out
}

#[test]
fn tampered_copies_get_the_same_verdict_from_pyhanko_and_golive_verify() {
    let dir = tempfile::tempdir().unwrap();
    let three = countersigned().files[3].clone();
    let fields = [
        "Consultant",
        "Countersignature2",
        "Countersignature3",
        "Countersignature4",
    ];
    let expect = |valid: &[bool]| -> Verdicts {
        Some(
            fields
                .iter()
                .zip(valid)
                .map(|(f, v)| (f.to_string(), *v))
                .collect(),
        )
    };
    let mut corpus: Vec<(String, PathBuf, Verdicts)> = Vec::new();
    // Revision 1 is the report itself, revision 2j the one signature j made (each followed
    // by a DSS update). A byte changed in a revision breaks every signature that covers it:
    // its own and all later ones; the earlier ones did not sign it.
    for k in 1..=5 {
        let valid: Vec<bool> = (1..=4).map(|j| j + 1 < k).collect();
        let revision = if k == 1 { 1 } else { 2 * (k - 1) };
        corpus.push((
            format!("a byte changed in revision {revision}"),
            with_byte_changed(&three, dir.path(), revision),
            expect(&valid),
        ));
    }
    let python = venv().join("bin/python");
    for action in ["page-edit", "add-annotation", "remove-last-signature"] {
        let out = dir.path().join(format!("{action}.pdf"));
        let (ok, text) = run(
            python.to_str().unwrap(),
            &[
                tamper_script().to_str().unwrap(),
                action,
                three.to_str().unwrap(),
                out.to_str().unwrap(),
            ],
        );
        assert!(ok, "{action}: {text}");
        let verdicts = match action {
            // A signature taken out is no longer seen; what it left behind is a document
            // the earlier signatures allow.
            "remove-last-signature" => Some(expect(&[true; 4]).unwrap()[..3].to_vec()),
            _ => expect(&[false; 4]),
        };
        corpus.push((action.to_string(), out, verdicts));
    }
    let truncated = dir.path().join("truncated.pdf");
    let bytes = std::fs::read(&three).unwrap();
    // Cut into the last signature's revision (the DSS update after it goes too).
    let eofs: Vec<usize> = bytes
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"%%EOF")
        .map(|(i, _)| i)
        .collect();
    std::fs::write(&truncated, &bytes[..eofs[eofs.len() - 2] + 6 - 300]).unwrap();
    corpus.push(("truncated".into(), truncated, None));

    for (what, pdf, expected) in &corpus {
        let (verdicts, out) = pyhanko(pdf);
        assert_eq!(&verdicts, expected, "pyHanko on {what}: {out}");
        assert_eq!(&golive_verdicts(pdf), expected, "golive verify on {what}");
        // Whatever the single signatures say, none of these files passes as a whole.
        let whole = report::verify(pdf).map(|v| v.is_ok()).unwrap_or(false);
        assert!(!whole, "golive verify accepts {what}");
    }
}

#[test]
fn timestamped_signatures_carry_the_authoritys_time_for_pyhanko_pdfsig_and_verify() {
    let tsa = super::tsa::start(pki().dir.path());
    let authority = report::TimestampAuthority::new(&tsa.url).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("stamped.pdf");
    // The consultant's keys of the shared export: no new RSA key to make.
    let options = report::ExportOptions {
        keys_dir: exported().keys.clone(),
        identity: None,
        tsa: Some(authority.clone()),
    };
    report::export_data(super::data(), &pdf, &options).unwrap();
    report::countersign_with(&pdf, &pki().marta, "secret", None, Some(&authority)).unwrap();
    let (ok, text) = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        ok && text
            .replace('\n', " ")
            .contains(&format!("Signing times are certified by {}.", tsa.url)),
        "{text}"
    );
    assert_eq!(tsa.served.load(std::sync::atomic::Ordering::SeqCst), 2);

    let v = report::verify(&pdf).unwrap();
    assert!(v.is_ok(), "{v:#?}");
    for s in &v.signatures {
        assert!(s.timestamp.is_some(), "{s:#?}");
        assert!(
            s.timestamp_authority
                .as_deref()
                .is_some_and(|a| a.contains("GoLive Test TSA")),
            "{s:#?}"
        );
    }

    let (verdicts, out) = pyhanko(&pdf);
    assert_eq!(
        verdicts,
        Some(vec![
            ("Consultant".to_string(), true),
            ("Countersignature2".to_string(), true)
        ]),
        "{out}"
    );
    assert_eq!(
        out.matches("The TSA certificate is trusted.").count(),
        2,
        "{out}"
    );
    let (rows, out) = pdfsig(&pdf, None);
    assert!(
        rows.iter().all(|(s, _)| s == "Signature is Valid."),
        "{out}"
    );

    // An authority that does not answer fails the export with a message saying what to do.
    let gone = report::TimestampAuthority::new("http://127.0.0.1:9/tsa").unwrap();
    let options = report::ExportOptions {
        tsa: Some(gone),
        ..options
    };
    let err = report::export_data(super::data(), &dir.path().join("no.pdf"), &options)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("did not give a timestamp") && err.contains("clear the setting"),
        "{err}"
    );
}
