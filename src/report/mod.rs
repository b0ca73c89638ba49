//! The go-live readiness report: a PDF laid out by the app itself, sealed and signed.
//!
//! [`render`] turns a [`ReportData`] into PDF bytes (printpdf plus our own small layout
//! layer: [`text`] wrapping, [`table`]s, [`chart`]s, page furniture in [`page`]).
//! [`seal`] embeds the data as JSON with the consultant's Ed25519 seal, and [`sign`] adds
//! PDF digital signatures and checks them. [`export`] ties these to the store; [`verify`]
//! checks a file. This module does not decide readiness (that is [`crate::plan`]) and keeps
//! no state of its own beyond the key files in the data directory.

mod archival;
mod chart;
pub mod data;
mod export;
mod icon;
mod page;
mod sample;
pub mod seal;
mod sections;
pub mod sign;
mod structure;
mod style;
mod table;
mod text;

use crate::error::ErrorKind;
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

pub use data::{
    Decision, EvidenceEntry, EvidenceKind, ProbeResult, ProbeVerdict, ReportData, SignOff,
};
pub use export::{ExportOptions, Exported, export, export_data, gather, keys_dir};
pub use sample::sample_data;
pub use seal::Seal;
pub use sign::{
    Identity, SignatureCheck, TimestampAuthority, ValidationData, Verification, countersign,
    countersign_with, verify, verify_bytes,
};

/// What went wrong while making, sealing, signing or checking a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the bundled font {0} could not be read; reinstall GoLive Planner")]
    Font(String),
    #[error("could not encode the report data as JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{path}: {source}; check that the path exists and is writable")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "this file is not a readable PDF ({0}); pick the report file exported by GoLive Planner"
    )]
    Pdf(String),
    #[error("signing failed: {0}")]
    Sign(String),
    #[error("{0}")]
    Timestamp(String),
    #[error(
        "{0:?} is not an http(s) URL of a timestamp authority, e.g. http://timestamp.example.com/tsa"
    )]
    TimestampUrl(String),
    #[error(
        "the signing key or certificate is unusable: {0}; import a PKCS#12 file with an RSA key"
    )]
    Key(String),
    #[error(
        "could not open the PKCS#12 file: {0}; check the file and its password (AES-encrypted \
         files are not supported: export with -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES)"
    )]
    Pkcs12(String),
    #[error(
        "this PDF carries no sealed report data; only reports exported by GoLive Planner can be verified"
    )]
    NotSealed,
    #[error("the report was changed after it was sealed: {0}")]
    Tampered(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("the checklist template is unusable: {0}")]
    Template(String),
}

impl ReportError {
    /// A stable code the desktop UI branches on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ReportError::Font(_) => ErrorKind::Font,
            ReportError::Json(_) => ErrorKind::Json,
            ReportError::Io { .. } => ErrorKind::Io,
            ReportError::Pdf(_) => ErrorKind::NotAPdf,
            ReportError::Sign(_) | ReportError::Timestamp(_) => ErrorKind::SignFailed,
            ReportError::TimestampUrl(_) => ErrorKind::InvalidUrl,
            ReportError::Key(_) => ErrorKind::BadKey,
            ReportError::Pkcs12(_) => ErrorKind::BadPkcs12,
            ReportError::NotSealed => ErrorKind::NotSealed,
            ReportError::Tampered(_) => ErrorKind::Tampered,
            ReportError::Store(e) => e.kind(),
            ReportError::Template(_) => ErrorKind::InvalidTemplate,
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> ReportError {
        ReportError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// Lays out the report as an unsigned PDF with embedded, subset fonts.
pub fn render(data: &ReportData) -> Result<Vec<u8>, ReportError> {
    let title = format!("Go-live readiness report: {}", data.plan_name);
    let mut doc = PdfDocument::new(&title);
    let fonts = text::Fonts::load(&mut doc)?;
    let mut canvas = page::Canvas::new(&fonts);
    let contents = sections::draw_all(&mut canvas, data);
    contents.fill(&mut canvas);
    let header = match &data.client {
        Some(client) => format!("{} — {client}", data.plan_name),
        None => data.plan_name.clone(),
    };
    canvas.finish(
        &header,
        "Go-live readiness report",
        &format!("{} · {}", data.report_id, data.plan_name),
    );
    let anchors: Vec<page::Anchor> = canvas.anchors.clone();
    let (mut pages, structure) = canvas.into_parts();
    sections::resolve_internal_links(&mut pages, &anchors);
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    for a in anchors.iter().filter(|a| a.level <= 2) {
        doc.add_bookmark(&a.title, a.page);
    }
    let info = &mut doc.metadata.info;
    info.author = data.issued_by.clone();
    info.creator = "GoLive Planner".to_string();
    info.producer = format!("GoLive Planner {}", env!("CARGO_PKG_VERSION"));
    info.subject = format!(
        "Go-live readiness of {}{}: {} (report {})",
        data.plan_name,
        data.client
            .as_ref()
            .map(|c| format!(" for {c}"))
            .unwrap_or_default(),
        data.readiness.verdict.label(),
        data.report_id
    );
    info.keywords = vec!["go-live".into(), "readiness".into(), "sign-off".into()];
    info.identifier = data.report_id.clone();
    let created = printpdf::OffsetDateTime::from_unix_timestamp(data.generated_at.timestamp())
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    // The structure tree points at annotations, so they must be indirect objects first.
    indirect_annotations(&mut pdf);
    structure.write(&mut pdf);
    archival::catalog(&mut pdf, &title);
    archival::annotation_flags(&mut pdf);
    deflate_streams(&mut pdf);
    save_compact(&mut pdf)
}

/// Saves with object streams and a cross-reference stream (PDF 1.5). The structure tree is
/// thousands of small dictionaries (a cell is one), which as plain objects more than tripled
/// the reference report; packed into compressed object streams they cost a few bytes each.
pub(crate) fn save_compact(pdf: &mut lopdf::Document) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .max_objects_per_stream(200)
        .build();
    pdf.save_with_options(&mut out, options)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}

/// Makes every annotation in a page's `/Annots` an indirect object. printpdf writes link
/// annotations inline, and a validator that checks what an incremental update after a
/// signature changed (pyHanko, modelling Acrobat) can only follow annotations by reference:
/// with inline ones it cannot show that a countersignature only added a signature, and judges
/// the earlier signatures invalid.
fn indirect_annotations(pdf: &mut lopdf::Document) {
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    for page_id in pages {
        let inline: Vec<lopdf::Object> = match pdf
            .get_dictionary(page_id)
            .and_then(|page| page.get(b"Annots"))
        {
            Ok(lopdf::Object::Array(annots)) => annots.clone(),
            _ => continue,
        };
        if inline
            .iter()
            .all(|a| matches!(a, lopdf::Object::Reference(_)))
        {
            continue;
        }
        let annots: Vec<lopdf::Object> = inline
            .into_iter()
            .map(|annot| match annot {
                lopdf::Object::Dictionary(mut dict) => {
                    dict.set("P", page_id);
                    lopdf::Object::Reference(pdf.add_object(dict))
                }
                other => other,
            })
            .collect();
        if let Ok(page) = pdf.get_dictionary_mut(page_id) {
            page.set("Annots", annots);
        }
    }
}

/// Compresses every stream that may be compressed, at zlib's default level. printpdf's own
/// `optimize` asks lopdf for the best level, which took a third of the render time for a
/// file about 3 % smaller.
fn deflate_streams(pdf: &mut lopdf::Document) {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(compressed) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue;
        };
        // Not worth a filter when it barely shrinks (the dictionary entry costs ~19 bytes).
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}
