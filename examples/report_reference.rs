//! Writes the reference plan's report twice, as our PDF and as an HTML page with the same
//! content, so `benches/report_vs_chromium.sh` can compare with headless Chromium.
//!
//!     cargo run --release --example report_reference -- OUT_DIR

#![allow(clippy::expect_used)]

use std::fmt::Write;
use std::time::Instant;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn main() {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: report_reference OUT_DIR"),
    );
    std::fs::create_dir_all(&out).expect("out dir");
    let data = golive::report::sample_data(1000, 3).expect("reference plan");

    let start = Instant::now();
    let pdf = golive::report::render(&data).expect("render");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    std::fs::write(out.join("golive.pdf"), &pdf).expect("write pdf");
    println!("golive_render_ms={ms:.1} golive_bytes={}", pdf.len());
    // The file as an export writes it: sealed data, signature, validation data.
    let json = data.to_json().expect("json");
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let sealed = golive::report::seal::embed(
        &pdf,
        &json,
        &golive::report::Seal::new(&json, &key, "Reference"),
    )
    .expect("seal");
    let identity = golive::report::Identity::self_signed("Reference Consultant").expect("id");
    let request = golive::report::sign::SignRequest {
        field_name: "Consultant".into(),
        reason: "reference".into(),
        location: None,
    };
    use golive::report::sign::PdfSignatureBackend;
    let signed = golive::report::sign::Underskrift
        .sign(&sealed, &identity, &request)
        .expect("sign");
    let signed = golive::report::sign::with_validation_data(&signed)
        .expect("validation data")
        .pdf;
    std::fs::write(out.join("golive-signed.pdf"), &signed).expect("write signed");
    println!("golive_signed_bytes={}", signed.len());

    let mut h = String::new();
    let r = &data.readiness;
    let _ = write!(
        h,
        "<!doctype html><html><head><meta charset=utf-8><title>{}</title><style>\
         @page {{ size: A4; margin: 20mm }} body {{ font-family: 'Noto Sans', sans-serif; font-size: 9pt }}\
         table {{ border-collapse: collapse; width: 100% }} th {{ background: #e9ecef; text-align: left }}\
         tr:nth-child(even) {{ background: #f4f5f7 }} td, th {{ padding: 3px 4px; vertical-align: top }}\
         h1 {{ page-break-before: always }} .cover h1 {{ page-break-before: avoid }}</style></head><body>",
        esc(&data.plan_name)
    );
    let _ = write!(
        h,
        "<div class=cover><h1>{}</h1><p>{}</p><h2>{}</h2><ul>",
        esc(&data.plan_name),
        esc(data.client.as_deref().unwrap_or("")),
        r.verdict.label()
    );
    for reason in &r.reasons {
        let _ = write!(h, "<li>{}</li>", esc(&reason.message));
    }
    let _ = write!(
        h,
        "</ul><p>Launch {} {}</p></div>",
        data.launch.local_text(),
        data.launch.zone.name()
    );
    let _ = write!(
        h,
        "<h1>Tasks</h1><table><tr><th>ID<th>Task<th>Owner<th>Due<th>Status<th>Evidence</tr>"
    );
    for v in &data.snapshot.items {
        let _ = write!(
            h,
            "<tr><td>{}<td>{}<td>{}<td>{}<td>{}<td>{}</tr>",
            v.task.id,
            esc(&v.task.title),
            esc(v.item.owner.as_deref().unwrap_or("—")),
            v.due,
            v.item.status.label(),
            v.evidence_count
        );
    }
    let _ = write!(
        h,
        "</table><h1>Evidence</h1><table><tr><th>Task<th>Kind<th>Evidence<th>Added</tr>"
    );
    for e in &data.evidence {
        let _ = write!(
            h,
            "<tr><td>{}<td>{}<td>{}<td>{} by {}</tr>",
            e.task_id,
            e.kind.label(),
            esc(&e.text),
            e.created_at.format("%F %R"),
            esc(&e.created_by)
        );
    }
    let _ = write!(
        h,
        "</table><h1>Probe results</h1><table><tr><th>Check<th>Target<th>Verdict<th>Finding<th>Checked</tr>"
    );
    for p in &data.probes {
        let _ = write!(
            h,
            "<tr><td>{}<td>{}<td>{}<td>{}<td>{}</tr>",
            p.check,
            esc(&p.target),
            p.verdict.label(),
            esc(&p.finding),
            p.at.format("%F %R")
        );
    }
    let _ = write!(h, "</table><h1>Sign-off</h1>");
    for s in &data.signoffs {
        let _ = write!(
            h,
            "<p><b>{}</b> ({}) — {}</p>",
            esc(&s.name),
            esc(&s.role),
            s.decision.map(|d| d.label()).unwrap_or("")
        );
    }
    h.push_str("</body></html>");
    std::fs::write(out.join("reference.html"), h).expect("write html");
}
