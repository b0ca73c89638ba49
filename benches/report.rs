//! Report budgets: the reference plan (every template task, 1,000 evidence notes, 3 probe
//! runs) rendered in ≤ 150 ms and ≤ 500 KB. `benches/report_vs_chromium.sh` runs this next
//! to headless Chromium printing the same content; results go to BENCHMARKS.md.

// A bench that cannot build its input should stop loudly.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use golive::report::{
    self, Identity, seal,
    sign::{PdfSignatureBackend, SignRequest, Underskrift},
};

fn bench(c: &mut Criterion) {
    let data = report::sample_data(1000, 3).expect("reference plan");
    let pdf = report::render(&data).expect("render");
    let identity = Identity::self_signed("Bench Consultant").expect("identity");
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let sealed_and_signed = |data: &report::ReportData| {
        let pdf = report::render(data).expect("render");
        let json = data.to_json().expect("json");
        let sealed =
            seal::embed(&pdf, &json, &report::Seal::new(&json, &key, "Bench")).expect("seal");
        let request = SignRequest {
            field_name: "Consultant".into(),
            reason: "bench".into(),
            location: None,
        };
        let signed = Underskrift
            .sign(&sealed, &identity, &request)
            .expect("sign");
        // As an export does: the long-term validation data (DSS) update after the signature.
        report::sign::with_validation_data(&signed)
            .expect("validation data")
            .pdf
    };
    let full = sealed_and_signed(&data);
    eprintln!(
        "reference report: {} KB rendered, {} KB sealed and signed",
        pdf.len() / 1024,
        full.len() / 1024
    );
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.bench_function("render_reference_plan", |b| {
        b.iter(|| report::render(black_box(&data)))
    });
    group.bench_function("render_seal_sign_reference_plan", |b| {
        b.iter(|| sealed_and_signed(black_box(&data)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
