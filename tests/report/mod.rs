//! The readiness report checked with real PDF tools: poppler-utils (pdftotext, pdffonts,
//! pdfsig, pdfdetach, pdfinfo, pdftoppm), qpdf and openssl.

mod cli;
mod content;
mod ltv;
mod tagged;
mod tsa;
mod validators;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use golive::report::{self, ExportOptions, ReportData, sample_data};
use tempfile::TempDir;

pub fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is missing ({e}); run scripts/setup.sh pdf"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

pub(crate) fn data() -> ReportData {
    sample_data(40, 3).unwrap()
}

/// One exported report shared by the read-only tests (RSA key generation is the slow part).
struct Exported {
    _dir: TempDir,
    keys: PathBuf,
    pdf: PathBuf,
}

fn exported() -> &'static Exported {
    static EXPORTED: OnceLock<Exported> = OnceLock::new();
    EXPORTED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let pdf = dir.path().join("report.pdf");
        let options = ExportOptions {
            keys_dir: keys.clone(),
            identity: None,
            tsa: None,
        };
        let done = report::export_data(data(), &pdf, &options).unwrap();
        assert!(done.verification.is_ok(), "{:#?}", done.verification);
        Exported {
            _dir: dir,
            keys,
            pdf,
        }
    })
}

fn copy_of(pdf: &Path, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(pdf, &path).unwrap();
    path
}

#[test]
fn text_has_verdict_every_task_id_and_the_stakeholders() {
    let e = exported();
    let (ok, text) = run("pdftotext", &["-layout", e.pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    let data = data();
    assert!(
        text.contains(data.readiness.verdict.label()),
        "verdict missing"
    );
    for view in &data.snapshot.items {
        assert!(
            text.contains(&view.task.id),
            "task {} missing",
            view.task.id
        );
    }
    assert!(
        text.contains("Signing times are the signer's own clock (no timestamp authority set)."),
        "the sign-off page says where signing times come from"
    );
    for s in &data.signoffs {
        assert!(text.contains(&s.name), "stakeholder {} missing", s.name);
    }
    assert!(text.contains("Page 1 of"), "footer missing");
    assert!(text.contains(&data.report_id));
    // The go-live day's runbook is a section of its own, each step with its time.
    assert!(
        text.contains("7 Go-live day runbook"),
        "runbook section missing"
    );
    assert!(text.contains("8 Sign-off"), "sign-off follows the runbook");
    for step in &data.runbook.as_ref().unwrap().steps {
        // The report's font has no minus sign: "T–4h" with an en dash.
        let shown = step.at_text.replace('\u{2212}', "\u{2013}");
        assert!(text.contains(&shown), "{shown} missing");
        assert!(text.contains(&step.id), "{} missing", step.id);
    }
    assert!(text.contains("Old shop: keep it live until"));
}

#[test]
fn fonts_are_embedded_subsets_only() {
    let (ok, out) = run("pdffonts", &[exported().pdf.to_str().unwrap()]);
    assert!(ok, "{out}");
    let fonts: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(fonts.len() >= 2, "{out}");
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols[0].contains('+'), "not a subset: {line}");
        // Columns from the right: object id (2), uni, sub, emb.
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 4]),
            ("yes", "yes"),
            "not embedded subset: {line}"
        );
    }
}

#[test]
fn qpdf_check_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let data = data();
    let pdf = report::render(&data).unwrap();
    let json = data.to_json().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let sealed =
        report::seal::embed(&pdf, &json, &report::Seal::new(&json, &key, "Ada Park")).unwrap();
    let path = dir.path().join("sealed.pdf");
    std::fs::write(&path, sealed).unwrap();
    let (ok, out) = run("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    assert!(!out.contains("WARNING"), "{out}");

    // Regression: underskrift 0.1.4's own trailer had /Size off by the rewritten objects.
    let (ok, out) = run("qpdf", &["--check", exported().pdf.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    assert!(!out.contains("WARNING"), "{out}");
}

#[test]
fn embedded_data_is_listed_and_matches_what_was_rendered() {
    let e = exported();
    let (ok, out) = run("pdfdetach", &["-list", e.pdf.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(
        out.contains("report-data.json") && out.contains("report-data.seal.json"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("data.json");
    let (ok, out) = run(
        "pdfdetach",
        &[
            "-save",
            "1",
            "-o",
            saved.to_str().unwrap(),
            e.pdf.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&saved).unwrap()).unwrap();
    assert_eq!(json["plan_name"], "Aurora Shop relaunch");
    assert_eq!(
        json["snapshot"]["items"].as_array().unwrap().len(),
        data().snapshot.items.len()
    );
}

#[test]
fn metadata_has_title_author_subject_and_real_creation_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.pdf");
    std::fs::write(&path, report::render(&data()).unwrap()).unwrap();
    let (ok, out) = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(ok, "{out}");
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        field("Title:"),
        "Go-live readiness report: Aurora Shop relaunch",
        "{out}"
    );
    assert_eq!(field("Author:"), "Ada Park", "{out}");
    assert!(
        out.contains("Subject:") && out.contains("Not ready"),
        "{out}"
    );
    assert!(
        out.contains("CreationDate:") && out.contains("2027"),
        "{out}"
    );
    assert!(out.contains("(A4)"), "{out}");

    // Regression: the signature update once dropped the trailer's /Info, so a signed report
    // showed no title in viewers that do not read XMP.
    let (ok, out) = run("pdfinfo", &[exported().pdf.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(
        out.contains("Title:           Go-live readiness report: Aurora Shop relaunch"),
        "{out}"
    );
    assert!(out.contains("Author:          Ada Park"), "{out}");
    let (ok, out) = run("pdfinfo", &["-meta", exported().pdf.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(
        out.contains("Go-live readiness report: Aurora Shop relaunch"),
        "{out}"
    );
    assert!(
        out.contains("<dc:creator><rdf:Seq><rdf:li>Ada Park"),
        "{out}"
    );
    assert!(
        out.contains("<xmp:CreateDate>2027-05-24T07:45:00Z"),
        "{out}"
    );
}

#[test]
fn private_keys_are_files_with_mode_0600() {
    use std::os::unix::fs::PermissionsExt;
    let keys = &exported().keys;
    for name in ["consultant-rsa.p8", "seal-ed25519.key"] {
        let mode = std::fs::metadata(keys.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{name}");
    }
}

fn stakeholder_p12(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join("k.pem");
    let cert = dir.join("c.pem");
    let p12 = dir.join("stakeholder.p12");
    let subject = format!("/CN={name}/O=Nordlicht Outdoor GmbH");
    let (ok, out) = run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key.to_str().unwrap(),
            "-out",
            cert.to_str().unwrap(),
            "-subj",
            &subject,
            "-days",
            "30",
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = run(
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-inkey",
            key.to_str().unwrap(),
            "-in",
            cert.to_str().unwrap(),
            "-out",
            p12.to_str().unwrap(),
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
    assert!(ok, "{out}");
    p12
}

#[test]
fn pdfsig_calls_both_signatures_valid_after_a_countersignature() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = copy_of(&exported().pdf, dir.path(), "signed.pdf");
    let p12 = stakeholder_p12(dir.path(), "Marta Nowak");
    let result = report::countersign(&pdf, &p12, "secret", None).unwrap();
    assert_eq!(result.signatures.len(), 2, "{result:#?}");
    assert!(result.is_ok(), "{result:#?}");
    assert!(
        result.signatures[1].signer.contains("Marta Nowak"),
        "{result:#?}"
    );
    assert!(!result.signatures[0].covers_whole_document);
    let (_, out) = run("pdfsig", &[pdf.to_str().unwrap()]);
    assert_eq!(
        out.matches("Signature Validation: Signature is Valid.")
            .count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("Signer Certificate Common Name: Ada Park"),
        "{out}"
    );
    assert!(
        out.contains("Signer Certificate Common Name: Marta Nowak"),
        "{out}"
    );
    // The long-term validation data follows the newest signature as an update of its own.
    assert!(out.contains("Not total document signed"), "{out}");
    assert!(report::verify(&pdf).unwrap().into_result().is_ok());
    let (ok, out) = run("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(ok && !out.contains("WARNING"), "{out}");
    let (_, out) = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(out.contains("Author:          Ada Park"), "{out}");
}

#[test]
fn one_changed_byte_is_a_digest_mismatch_for_pdfsig_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = copy_of(&exported().pdf, dir.path(), "tampered.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    // A byte inside a content stream in the middle of the signed range.
    let from = bytes.len() / 3;
    let at = from
        + bytes[from..]
            .windows(7)
            .position(|w| w == b"stream\n")
            .unwrap()
        + 40;
    bytes[at] ^= 0x01;
    std::fs::write(&pdf, &bytes).unwrap();
    let (_, out) = run("pdfsig", &[pdf.to_str().unwrap()]);
    assert!(out.contains("Digest Mismatch"), "{out}");
    let err = report::verify(&pdf).unwrap().into_result().unwrap_err();
    assert_eq!(err.kind().as_str(), "tampered", "{err}");
}

#[test]
fn every_page_renders_with_pdftoppm() {
    let e = exported();
    let (ok, info) = run("pdfinfo", &[e.pdf.to_str().unwrap()]);
    assert!(ok, "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages >= 8, "{pages} pages");
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let (ok, out) = run(
        "pdftoppm",
        &[
            "-r",
            "40",
            "-png",
            e.pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let mut pngs: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pngs.sort();
    assert_eq!(pngs.len(), pages);
    for png in &pngs {
        assert!(
            std::fs::metadata(png).unwrap().len() > 2_000,
            "{} looks blank",
            png.display()
        );
    }
    if let Ok(out) = std::env::var("GOLIVE_REPORT_PNG_DIR") {
        for png in pngs {
            std::fs::copy(&png, Path::new(&out).join(png.file_name().unwrap())).unwrap();
        }
    }
}
