//! The report through the `golive` binary: sign-off records, export, verify, tampering.

use predicates::str::contains;

fn golive(db: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    crate::common::golive(db).args(args).assert()
}

#[test]
fn signoff_export_verify_and_a_tampered_copy_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("golive.db");
    golive(&db, &["config", "user", "Ada Park"]).success();
    golive(
        &db,
        &[
            "plan",
            "new",
            "Acme relaunch",
            "--launch",
            "2027-06-07 09:00",
            "--tz",
            "Europe/Berlin",
            "--client",
            "Acme GmbH",
        ],
    )
    .success();
    golive(
        &db,
        &[
            "signoff",
            "add",
            "Acme",
            "--name",
            "Marta Nowak",
            "--role",
            "Head of E-commerce",
            "--email",
            "marta@acme.example",
        ],
    )
    .success()
    .stdout(contains("Added Marta Nowak"));
    golive(
        &db,
        &[
            "signoff",
            "decide",
            "Acme",
            "Marta Nowak",
            "--decision",
            "go-with-conditions",
        ],
    )
    .failure()
    .stderr(contains("--conditions"));
    golive(
        &db,
        &[
            "signoff",
            "decide",
            "Acme",
            "Marta Nowak",
            "--decision",
            "go-with-conditions",
            "--conditions",
            "HSTS live before DNS switch",
        ],
    )
    .success()
    .stdout(contains("Go with conditions"));
    golive(&db, &["signoff", "list", "Acme"])
        .success()
        .stdout(contains("HSTS live before DNS switch"));

    let pdf = dir.path().join("acme.pdf");
    golive(&db, &["report", "Acme", "--out", pdf.to_str().unwrap()])
        .success()
        .stdout(contains("Wrote"));
    let keys = dir.path().join("keys");
    assert!(
        keys.join("consultant-rsa.p8").exists(),
        "keys live beside the database"
    );
    let (_, text) = super::run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Marta Nowak") && text.contains("HSTS live before DNS switch"),
        "{text}"
    );

    golive(&db, &["verify", pdf.to_str().unwrap()])
        .success()
        .stdout(contains("valid, whole document but its validation data"))
        .stdout(contains("Validation data: 1 certificate, 0 CRLs"))
        .stdout(contains("matches its seal"));

    let mut bytes = std::fs::read(&pdf).unwrap();
    let mid = bytes.len() / 2;
    let at = mid
        + bytes[mid..]
            .windows(7)
            .position(|w| w == b"stream\n")
            .unwrap()
        + 30;
    bytes[at] ^= 0x20;
    let tampered = dir.path().join("tampered.pdf");
    std::fs::write(&tampered, bytes).unwrap();
    golive(&db, &["verify", tampered.to_str().unwrap()])
        .failure()
        .stdout(contains("INVALID"))
        .stderr(contains("changed after it was sealed"));
}
