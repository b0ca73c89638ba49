//! Writes one PAdES signature into a PDF as an incremental update, from underskrift's public
//! parts: the signature dictionary and field, the AcroForm update, the byte-level writer and
//! the CMS builder. It does not verify anything (see `verify`).
//!
//! The first signature of a document certifies it (DocMDP, form filling and signing
//! allowed); later ones are approval signatures whose update changes nothing but the
//! signature's own objects, the AcroForm's field list and the first page's `/Annots`.
//!
//! Why not underskrift's one-call `PdfSigner`: in 0.1.4 its update trailer states `/Size` as
//! the previous size plus every object written, counting the rewritten catalog and page as
//! new (qpdf warns), and drops the document's `/Info` and `/ID`, so a signed report lost its
//! title and author. Here the trailer is rewritten before anything is hashed, so the
//! signature covers the corrected bytes.

use chrono::NaiveDateTime;
use lopdf_underskrift::{self as lopdf, Document, Object, ObjectId};
use underskrift::CmsProfile;
use underskrift::CryptoSigner;
use underskrift::cms::builder::PdfCmsBuilder;
use underskrift::core::incremental::IncrementalWriter;
use underskrift::core::sig_dict::{SigSubFilter, build_sig_dict};
use underskrift::core::sig_field::{SignatureFieldOptions, build_sig_field};
use underskrift::core::{acroform, parser};

use super::SignRequest;
use super::timestamp::TimestampAuthority;
use crate::report::ReportError;

/// Bytes reserved for the CMS signature: an RSA-4096 signature with a three-certificate chain
/// and a timestamp token carrying the authority's own chain fit with room to spare.
const CONTENT_SIZE: usize = 16 * 1024;

/// The page (0-based) that carries the invisible signature widget.
const WIDGET_PAGE: u32 = 0;

/// Signs `pdf` as an incremental update; earlier revisions and signatures stay untouched.
pub(super) fn sign(
    pdf: &[u8],
    signer: &dyn CryptoSigner,
    request: &SignRequest,
    signing_time: NaiveDateTime,
    tsa: Option<&TimestampAuthority>,
) -> Result<Vec<u8>, ReportError> {
    let fail = |what: &str, e: &dyn std::fmt::Display| ReportError::Sign(format!("{what}: {e}"));
    let mut doc = Document::load_mem(pdf).map_err(|e| fail("cannot read the PDF", &e))?;
    let meta = parser::extract_metadata(&doc).map_err(|e| fail("cannot read the PDF", &e))?;

    let certify = !has_signature(&doc);
    let mut sig_dict = build_sig_dict(SigSubFilter::EtsiCadesDetached, CONTENT_SIZE);
    if certify {
        sig_dict.set("Reference", vec![Object::Dictionary(doc_mdp_reference())]);
    }
    sig_dict.set("Reason", text(&request.reason));
    sig_dict.set(
        "M",
        Object::string_literal(signing_time.format("D:%Y%m%d%H%M%S+00'00'").to_string()),
    );
    if let Some(location) = &request.location {
        sig_dict.set("Location", text(location));
    }
    let sig_id = doc.add_object(Object::Dictionary(sig_dict));
    let field = SignatureFieldOptions {
        name: request.field_name.clone(),
        page: WIDGET_PAGE,
        rect: [0.0; 4],
    };
    let field_id = doc.add_object(Object::Dictionary(build_sig_field(&field, sig_id)));
    acroform::ensure_acroform(&mut doc, field_id, WIDGET_PAGE)
        .map_err(|e| fail("cannot add the signature field", &e))?;
    if certify {
        let catalog = doc
            .get_object_mut(meta.root_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| fail("cannot read the PDF catalog", &e))?;
        let mut perms = lopdf::Dictionary::new();
        perms.set("DocMDP", sig_id);
        catalog.set("Perms", perms);
    }

    let mut writer = IncrementalWriter::new(
        pdf.to_vec(),
        meta.trailer_size,
        meta.xref_offset,
        meta.root_id,
        CONTENT_SIZE * 2,
    );
    writer.set_sig_dict_id(sig_id);
    for id in changed_objects(&doc, sig_id, field_id, meta.root_id) {
        if let Ok(object) = doc.get_object(id) {
            writer.add_object(id, object.clone());
        }
    }
    let (written, byte_range) = writer
        .write()
        .map_err(|e| fail("cannot write the signature update", &e))?;
    let mut out = with_trailer(written, &doc, meta.trailer_size, meta.xref_offset)?;
    let length = out.len();
    byte_range
        .backpatch(&mut out, length)
        .map_err(|e| fail("cannot place the byte range", &e))?;

    let [start1, len1, start2, len2] = byte_range.compute(length);
    let mut hasher = signer.digest_algorithm().new_hasher();
    hasher.update(&out[start1..start1 + len1]);
    hasher.update(&out[start2..start2 + len2]);
    let digest = hasher.finalize();
    let cms = PdfCmsBuilder::new(signer)
        .profile(CmsProfile::Pades)
        .signing_time(signing_time)
        .build(&digest)
        .map_err(|e| fail("cannot build the signature", &e))?;
    let cms = match tsa {
        Some(tsa) => tsa.stamp(&cms)?,
        None => cms,
    };
    if cms.len() > CONTENT_SIZE {
        return Err(ReportError::Sign(format!(
            "the signature needs {} bytes but {CONTENT_SIZE} are reserved; use a shorter \
             certificate chain",
            cms.len()
        )));
    }
    let hex = hex::encode_upper(&cms);
    let slot = &mut out[byte_range.contents_offset..][..byte_range.contents_length];
    slot[..hex.len()].copy_from_slice(hex.as_bytes());
    slot[hex.len()..].fill(b'0');
    Ok(out)
}

/// The DocMDP transform of a certification signature: after it, filling in forms and adding
/// signatures (P 2) are the only changes a validator accepts, which is exactly what a
/// countersignature does.
fn doc_mdp_reference() -> lopdf::Dictionary {
    let mut params = lopdf::Dictionary::new();
    params.set("Type", Object::Name(b"TransformParams".to_vec()));
    params.set("P", Object::Integer(2));
    params.set("V", Object::Name(b"1.2".to_vec()));
    let mut reference = lopdf::Dictionary::new();
    reference.set("Type", Object::Name(b"SigRef".to_vec()));
    reference.set("TransformMethod", Object::Name(b"DocMDP".to_vec()));
    reference.set("TransformParams", params);
    reference
}

/// Whether the document already carries a signature: a `/FT /Sig` field with a value.
fn has_signature(doc: &Document) -> bool {
    let Ok(catalog) = doc.catalog() else {
        return false;
    };
    let acroform = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(dict)) => Some(dict),
        _ => None,
    };
    let Some(Ok(Object::Array(fields))) = acroform.map(|a| a.get(b"Fields")) else {
        return false;
    };
    fields.iter().any(|field| {
        let field = match field {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(dict) => Some(dict),
            _ => None,
        };
        field.is_some_and(|f| {
            matches!(f.get(b"FT"), Ok(Object::Name(name)) if name == b"Sig") && f.has(b"V")
        })
    })
}

/// The objects the update must carry: the two new ones, then what `ensure_acroform` changed
/// (the catalog, an indirect AcroForm, the widget's page).
fn changed_objects(
    doc: &Document,
    sig_id: ObjectId,
    field_id: ObjectId,
    root_id: ObjectId,
) -> Vec<ObjectId> {
    let mut ids = vec![sig_id, field_id, root_id];
    if let Ok(Object::Reference(acroform_id)) = doc
        .get_object(root_id)
        .and_then(Object::as_dict)
        .and_then(|catalog| catalog.get(b"AcroForm"))
    {
        ids.push(*acroform_id);
    }
    if let Some(page_id) = doc.get_pages().get(&(WIDGET_PAGE + 1)) {
        ids.push(*page_id);
    }
    ids
}

/// Replaces the trailer dictionary the writer appended with a correct one: `/Size` one past
/// the highest object number, and the document's `/Info` and `/ID` carried over.
fn with_trailer(
    mut out: Vec<u8>,
    doc: &Document,
    previous_size: u32,
    previous_xref: usize,
) -> Result<Vec<u8>, ReportError> {
    let start = rfind(&out, b"\ntrailer\n")
        .ok_or_else(|| ReportError::Sign("the signature update has no trailer".into()))?;
    let startxref = rfind(&out, b"\nstartxref\n")
        .filter(|at| *at > start)
        .ok_or_else(|| ReportError::Sign("the signature update has no startxref".into()))?;
    let size = previous_size.max(doc.max_id + 1);
    let mut trailer = format!(
        "\ntrailer\n<</Size {size}/Root {}/Prev {previous_xref}",
        reference(doc.trailer.get(b"Root"))
            .ok_or_else(|| ReportError::Sign("the PDF trailer has no /Root".into()))?
    );
    if let Some(info) = reference(doc.trailer.get(b"Info")) {
        trailer.push_str(&format!("/Info {info}"));
    }
    if let Ok(Object::Array(ids)) = doc.trailer.get(b"ID") {
        let ids: Vec<String> = ids
            .iter()
            .filter_map(|id| id.as_str().ok())
            .map(|bytes| format!("<{}>", hex::encode_upper(bytes)))
            .collect();
        trailer.push_str(&format!("/ID [{}]", ids.join(" ")));
    }
    trailer.push_str(">>");
    out.splice(start..startxref, trailer.into_bytes());
    Ok(out)
}

fn reference(object: lopdf::Result<&Object>) -> Option<String> {
    match object {
        Ok(Object::Reference((number, generation))) => Some(format!("{number} {generation} R")),
        _ => None,
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a byte-order mark, so a
/// reason or place with accents reads correctly in every viewer.
fn text(value: &str) -> Object {
    if value.is_ascii() {
        return Object::string_literal(value);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}
