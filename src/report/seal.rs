//! The first seal layer: the report data as a JSON file attachment, with its SHA-256 and the
//! issuing consultant's Ed25519 signature in a second attachment.
//!
//! `pdfdetach -list` shows both files. The seal proves the JSON is what the consultant
//! issued; the PDF signature ([`super::sign`]) protects the pages around it. This module
//! does not sign PDFs.

use std::path::Path;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ReportError;

pub const DATA_FILE: &str = "report-data.json";
pub const SEAL_FILE: &str = "report-data.seal.json";

/// The contents of `report-data.seal.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    pub file: String,
    pub sha256: String,
    pub algorithm: String,
    /// The consultant's Ed25519 public key, hex.
    pub public_key: String,
    /// Ed25519 signature of the JSON bytes, hex.
    pub signature: String,
    pub signed_by: String,
}

impl Seal {
    pub fn new(json: &[u8], key: &SigningKey, signed_by: &str) -> Seal {
        Seal {
            file: DATA_FILE.to_string(),
            sha256: hex::encode(Sha256::digest(json)),
            algorithm: "Ed25519".to_string(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
            signature: hex::encode(key.sign(json).to_bytes()),
            signed_by: signed_by.to_string(),
        }
    }

    /// SHA-256 of the public key, as printed on the sign-off page.
    pub fn key_fingerprint(key: &VerifyingKey) -> String {
        hex::encode(Sha256::digest(key.as_bytes()))
    }

    /// Checks `json` against this seal: its hash and the signature over it.
    pub fn check(&self, json: &[u8]) -> Result<(), ReportError> {
        let actual = hex::encode(Sha256::digest(json));
        if actual != self.sha256 {
            return Err(ReportError::Tampered(format!(
                "{DATA_FILE} has SHA-256 {actual}, the seal says {}",
                self.sha256
            )));
        }
        let bad = |what: &str| ReportError::Tampered(format!("the seal's {what} is malformed"));
        let key: [u8; 32] = hex::decode(&self.public_key)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| bad("public key"))?;
        let key = VerifyingKey::from_bytes(&key).map_err(|_| bad("public key"))?;
        let sig: [u8; 64] = hex::decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| bad("signature"))?;
        key.verify(json, &Signature::from_bytes(&sig)).map_err(|_| {
            ReportError::Tampered(format!(
                "the Ed25519 signature over {DATA_FILE} does not match"
            ))
        })
    }
}

fn pdf_err(e: lopdf::Error) -> ReportError {
    ReportError::Pdf(e.to_string())
}

fn attachment(doc: &mut Document, name: &str, description: &str, bytes: &[u8]) -> lopdf::ObjectId {
    let mut stream = Stream::new(
        dictionary! {
            "Type" => "EmbeddedFile",
            "Subtype" => Object::Name(b"application/json".to_vec()),
            "Params" => dictionary! { "Size" => bytes.len() as i64 },
        },
        bytes.to_vec(),
    );
    // Compression is best effort: an uncompressed attachment is still valid.
    let _ = stream.compress();
    let stream_id = doc.add_object(stream);
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => text(name),
        "UF" => text(name),
        "Desc" => text(description),
        "AFRelationship" => "Data",
        "EF" => dictionary! { "F" => stream_id, "UF" => stream_id },
    })
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The document's metadata as an XMP stream, so viewers and archives that read only XMP (the
/// PDF 2.0 way) see the same title, author and dates as those reading `/Info`.
fn xmp(doc: &Document) -> Option<Vec<u8>> {
    let info_ref = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let info = doc.get_dictionary(info_ref).ok()?;
    let field = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .unwrap_or_default()
    };
    // "D:20270524074500+00'00'" to "2027-05-24T07:45:00Z".
    let date = field(b"CreationDate");
    let d = date.trim_start_matches("D:");
    let iso = if d.len() >= 14 {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &d[0..4],
            &d[4..6],
            &d[6..8],
            &d[8..10],
            &d[10..12],
            &d[12..14]
        )
    } else {
        String::new()
    };
    Some(format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<xmp:CreateDate>{iso}</xmp:CreateDate><xmp:ModifyDate>{iso}</xmp:ModifyDate><xmp:MetadataDate>{iso}</xmp:MetadataDate>
<xmp:CreatorTool>{creator}</xmp:CreatorTool><pdf:Producer>{producer}</pdf:Producer><pdf:Keywords>{keywords}</pdf:Keywords>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#,
        title = xml(&field(b"Title")),
        author = xml(&field(b"Author")),
        subject = xml(&field(b"Subject")),
        creator = xml(&field(b"Creator")),
        producer = xml(&field(b"Producer")),
        keywords = xml(&field(b"Keywords")),
    )
    .into_bytes())
}

/// Adds the data and its seal as attachments to an unsigned PDF.
pub fn embed(pdf: &[u8], json: &[u8], seal: &Seal) -> Result<Vec<u8>, ReportError> {
    let mut doc = Document::load_mem(pdf).map_err(pdf_err)?;
    let metadata = xmp(&doc).map(|bytes| {
        doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            bytes,
        ))
    });
    let seal_json = serde_json::to_vec_pretty(seal)?;
    let data_id = attachment(
        &mut doc,
        DATA_FILE,
        "The report's data as sealed at export",
        json,
    );
    let seal_id = attachment(
        &mut doc,
        SEAL_FILE,
        "SHA-256 and Ed25519 seal of report-data.json",
        &seal_json,
    );
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let names = dictionary! {
        "Names" => vec![text(DATA_FILE), data_id.into(), text(SEAL_FILE), seal_id.into()],
    };
    let names_id = doc.add_object(names);
    let catalog = doc.catalog_mut().map_err(pdf_err)?;
    let mut root_names = match catalog.get(b"Names") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    root_names.set("EmbeddedFiles", names_id);
    catalog.set("Names", root_names);
    catalog.set(
        "AF",
        vec![Object::Reference(data_id), Object::Reference(seal_id)],
    );
    if let Some(id) = metadata {
        catalog.set("Metadata", id);
    }
    super::save_compact(&mut doc)
}

/// The embedded data and seal of a report, as found in the file.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub json: Vec<u8>,
    pub seal: Seal,
}

fn embedded_file(doc: &Document, wanted: &str) -> Option<Vec<u8>> {
    let catalog = doc.catalog().ok()?;
    let names = match catalog.get(b"Names").ok()? {
        Object::Dictionary(d) => d.clone(),
        Object::Reference(id) => doc.get_dictionary(*id).ok()?.clone(),
        _ => return None,
    };
    let ef = doc
        .dereference(names.get(b"EmbeddedFiles").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let list = doc
        .dereference(ef.get(b"Names").ok()?)
        .ok()?
        .1
        .as_array()
        .ok()?;
    for pair in list.chunks(2) {
        let [name, spec] = pair else { continue };
        if name.as_str().ok()? != wanted.as_bytes() {
            continue;
        }
        let spec = doc.dereference(spec).ok()?.1.as_dict().ok()?;
        let files = doc
            .dereference(spec.get(b"EF").ok()?)
            .ok()?
            .1
            .as_dict()
            .ok()?;
        let stream = doc
            .dereference(files.get(b"F").ok()?)
            .ok()?
            .1
            .as_stream()
            .ok()?;
        return stream
            .decompressed_content()
            .ok()
            .or_else(|| Some(stream.content.clone()));
    }
    None
}

/// Reads the attachments back; `None` when the file carries no seal.
pub fn extract(pdf: &[u8]) -> Result<Option<Embedded>, ReportError> {
    let doc = Document::load_mem(pdf).map_err(pdf_err)?;
    let (Some(json), Some(seal)) = (
        embedded_file(&doc, DATA_FILE),
        embedded_file(&doc, SEAL_FILE),
    ) else {
        return Ok(None);
    };
    let seal: Seal = serde_json::from_slice(&seal)
        .map_err(|e| ReportError::Tampered(format!("{SEAL_FILE} is not a valid seal: {e}")))?;
    Ok(Some(Embedded { json, seal }))
}

/// Loads the consultant's Ed25519 seal key from `keys_dir`, creating it on first use.
pub fn seal_key(keys_dir: &Path) -> Result<SigningKey, ReportError> {
    let path = keys_dir.join("seal-ed25519.key");
    if path.exists() {
        let text = std::fs::read_to_string(&path).map_err(|e| ReportError::io(&path, e))?;
        let bytes: [u8; 32] = hex::decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| ReportError::Key(format!("{} is not an Ed25519 key", path.display())))?;
        return Ok(SigningKey::from_bytes(&bytes));
    }
    let key = SigningKey::generate(&mut rand_core::OsRng);
    super::sign::keys::write_private(&path, hex::encode(key.to_bytes()).as_bytes())?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{render, sample_data, verify_bytes};

    #[test]
    fn seal_rejects_changed_json_and_foreign_signatures() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let json = br#"{"plan_name":"Aurora"}"#;
        let seal = Seal::new(json, &key, "Ada Park");
        seal.check(json).unwrap();
        let err = seal.check(br#"{"plan_name":"Borealis"}"#).unwrap_err();
        assert_eq!(err.kind().as_str(), "tampered");
        let mut forged = seal.clone();
        forged.public_key =
            hex::encode(SigningKey::from_bytes(&[8; 32]).verifying_key().as_bytes());
        assert_eq!(forged.check(json).unwrap_err().kind().as_str(), "tampered");
    }

    #[test]
    fn attachments_round_trip_and_a_swapped_payload_is_caught() {
        let data = sample_data(3, 1).unwrap();
        let pdf = render(&data).unwrap();
        let json = data.to_json().unwrap();
        let key = SigningKey::from_bytes(&[9; 32]);
        let seal = Seal::new(&json, &key, "Ada Park");
        let sealed = embed(&pdf, &json, &seal).unwrap();
        let found = extract(&sealed).unwrap().unwrap();
        assert_eq!(found.json, json);
        assert_eq!(found.seal, seal);
        let v = verify_bytes(&sealed).unwrap();
        assert_eq!(v.seal_valid, Some(true));

        let mut other = json.clone();
        other.extend_from_slice(b"\n");
        let swapped = embed(&pdf, &other, &seal).unwrap();
        let v = verify_bytes(&swapped).unwrap();
        assert_eq!(v.seal_valid, Some(false));
        assert_eq!(v.into_result().unwrap_err().kind().as_str(), "tampered");
        assert!(extract(&pdf).unwrap().is_none());
    }
}
