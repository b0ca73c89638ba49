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
    .stderr(contains("--condition \"WHAT | OWNER | YYYY-MM-DD\""));
    golive(
        &db,
        &[
            "signoff",
            "decide",
            "Acme",
            "Marta Nowak",
            "--decision",
            "go-with-conditions",
            "--condition",
            "HSTS live before DNS switch | Ana Lopez | 2030-12-01",
        ],
    )
    .success()
    .stdout(contains("Go with conditions"))
    .stdout(contains(
        "condition X-01: HSTS live before DNS switch (owner Ana Lopez, due 2030-12-01)",
    ));
    golive(&db, &["signoff", "list", "Acme"])
        .success()
        .stdout(contains("conditions: HSTS live before DNS switch"))
        .stdout(contains(
            "condition X-01 HSTS live before DNS switch: To do, owner Ana Lopez, due",
        ));
    // The condition is a task of the plan like any other, owned as the stakeholder said.
    golive(&db, &["timeline", "Acme", "--json"])
        .success()
        .stdout(contains("\"X-01\""))
        .stdout(contains("Ana Lopez"));

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
