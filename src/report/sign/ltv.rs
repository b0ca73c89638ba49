//! Long-term validation data (PAdES B-LT): after a signature, an incremental update that adds
//! a Document Security Store (`/DSS` in the catalog) with every certificate the file's
//! signatures and their timestamps carry, and the CRLs their issuers publish, fetched from
//! each certificate's CRL distribution points. With them a validator can show years later,
//! offline, that each certificate was not revoked when it signed. Also reads a file's DSS
//! back for `verify`.
//!
//! Not for OCSP (no responder is asked; OCSP responses another tool put in the DSS are kept
//! and counted) nor for judging revocation itself: a CRL is checked to be a CRL of the
//! certificate's issuer, its signature is left to the validator. A CRL that cannot be fetched
//! never fails signing: the DSS then holds the certificates only, and the caller says so.

use std::collections::BTreeSet;
use std::time::Duration;

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::oid::AssociatedOid;
use der::{Decode, Encode};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use serde::Serialize;
use underskrift::verify::extractor::extract_signatures;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};

use super::verify::restore_trailing_zeros;
use crate::report::ReportError;

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A).
const SIGNATURE_TIME_STAMP_TOKEN: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// How long fetching one CRL may take; signing goes on without it after that.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// A bound on one CRL's size, so a misbehaving server cannot fill the file.
const MAX_CRL_BYTES: usize = 8 << 20;

/// What a file's DSS holds, as `verify` reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidationData {
    pub certificates: usize,
    pub crls: usize,
    pub ocsp_responses: usize,
    /// Certificates in the DSS that name a CRL distribution point but whose issuer's CRL
    /// the DSS lacks (it could not be fetched when signing): subject and URL.
    pub without_revocation: Vec<String>,
}

impl ValidationData {
    /// "4 certificates, 2 CRLs" (and OCSP responses when there are any).
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut out = format!(
            "{}, {}",
            plural(self.certificates, "certificate", "certificates"),
            plural(self.crls, "CRL", "CRLs")
        );
        if self.ocsp_responses > 0 {
            out.push_str(&format!(
                ", {}",
                plural(self.ocsp_responses, "OCSP response", "OCSP responses")
            ));
        }
        out
    }
}

/// The result of adding validation data: the new file and why some revocation data is
/// missing (each entry names the certificate, the URL and the error).
pub(super) struct Added {
    pub pdf: Vec<u8>,
    pub problems: Vec<String>,
}

/// Appends a DSS update to `pdf` (merged with a DSS the file already has) holding the
/// certificates of every signature and timestamp in it and their issuers' CRLs.
pub(super) fn add(pdf: &[u8]) -> Result<Added, ReportError> {
    let fail = |e: &dyn std::fmt::Display| {
        ReportError::Sign(format!("cannot add the validation data: {e}"))
    };
    let doc = Document::load_mem(pdf).map_err(|e| fail(&e))?;
    let certificates = certificates_in_signatures(pdf);
    let existing = Existing::read(&doc);

    let mut problems = Vec::new();
    let mut crls: Vec<Vec<u8>> = Vec::new();
    let mut tried: BTreeSet<String> = BTreeSet::new();
    for cert in &certificates {
        if is_self_issued(cert) {
            continue;
        }
        for url in crl_urls(cert) {
            if !tried.insert(url.clone()) {
                continue;
            }
            match fetch_crl(&url, cert) {
                Ok(crl) => crls.push(crl),
                Err(e) => problems.push(format!(
                    "no CRL for {} from {url} ({e})",
                    cert.tbs_certificate.subject
                )),
            }
        }
    }

    let mut next_id = doc.max_id + 1;
    let mut objects: Vec<(ObjectId, Object)> = Vec::new();
    let mut add_streams = |refs: &mut Vec<Object>, have: &mut Vec<Vec<u8>>, ders: Vec<Vec<u8>>| {
        for der in ders {
            if have.contains(&der) {
                continue;
            }
            let id = (next_id, 0);
            next_id += 1;
            let mut dict = Dictionary::new();
            dict.set("Length", Object::Integer(der.len() as i64));
            have.push(der.clone());
            objects.push((id, Object::Stream(lopdf::Stream::new(dict, der))));
            refs.push(Object::Reference(id));
        }
    };
    let (mut cert_refs, mut crl_refs) = (existing.cert_refs, existing.crl_refs);
    let (mut cert_ders, mut crl_ders) = (existing.cert_ders, existing.crl_ders);
    let new_certs = certificates
        .iter()
        .filter_map(|c| c.to_der().ok())
        .collect();
    add_streams(&mut cert_refs, &mut cert_ders, new_certs);
    add_streams(&mut crl_refs, &mut crl_ders, crls);

    let mut dss = existing.dict;
    dss.set("Type", Object::Name(b"DSS".to_vec()));
    dss.set("Certs", Object::Array(cert_refs));
    if crl_refs.is_empty() {
        dss.remove(b"CRLs");
    } else {
        dss.set("CRLs", Object::Array(crl_refs));
    }
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| fail(&"the PDF trailer has no /Root"))?;
    match existing.id {
        // The catalog already points at this DSS: only the DSS itself changes.
        Some(id) => objects.push((id, Object::Dictionary(dss))),
        None => {
            let id = (next_id, 0);
            objects.push((id, Object::Dictionary(dss)));
            let mut catalog = doc.get_dictionary(root).map_err(|e| fail(&e))?.clone();
            catalog.set("DSS", Object::Reference(id));
            objects.push((root, Object::Dictionary(catalog)));
        }
    }
    let out = append_update(pdf, &doc, root, &objects).map_err(|e| fail(&e))?;
    Ok(Added { pdf: out, problems })
}

/// The DSS a file already has: its object (when indirect), its other entries, and the
/// streams it lists.
struct Existing {
    id: Option<ObjectId>,
    dict: Dictionary,
    cert_refs: Vec<Object>,
    cert_ders: Vec<Vec<u8>>,
    crl_refs: Vec<Object>,
    crl_ders: Vec<Vec<u8>>,
}

impl Existing {
    fn read(doc: &Document) -> Existing {
        let mut out = Existing {
            id: None,
            dict: Dictionary::new(),
            cert_refs: Vec::new(),
            cert_ders: Vec::new(),
            crl_refs: Vec::new(),
            crl_ders: Vec::new(),
        };
        let Ok(entry) = doc.catalog().and_then(|c| c.get(b"DSS")) else {
            return out;
        };
        let dict = match entry {
            Object::Reference(id) => {
                out.id = Some(*id);
                doc.get_dictionary(*id).ok()
            }
            Object::Dictionary(dict) => Some(dict),
            _ => None,
        };
        let Some(dict) = dict else {
            return out;
        };
        out.dict = dict.clone();
        (out.cert_refs, out.cert_ders) = streams(doc, dict, b"Certs");
        (out.crl_refs, out.crl_ders) = streams(doc, dict, b"CRLs");
        out
    }
}

/// The references a DSS array lists and the decoded bytes of the streams they point to.
fn streams(doc: &Document, dss: &Dictionary, key: &[u8]) -> (Vec<Object>, Vec<Vec<u8>>) {
    let items = match dss.get(key) {
        Ok(Object::Array(items)) => items.clone(),
        Ok(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(items)) => items.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let ders = items
        .iter()
        .filter_map(|item| item.as_reference().ok())
        .filter_map(|id| doc.get_object(id).ok()?.as_stream().ok())
        .map(|stream| {
            stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone())
        })
        .collect();
    (items, ders)
}

/// Every certificate carried by the file's signatures and by their signature timestamps,
/// each once, in file order.
fn certificates_in_signatures(pdf: &[u8]) -> Vec<Certificate> {
    let mut out: Vec<Certificate> = Vec::new();
    let Ok(signatures) = extract_signatures(pdf) else {
        return out;
    };
    for sig in signatures {
        let cms = restore_trailing_zeros(sig.cms_bytes);
        let Some(signed) = signed_data(&cms) else {
            continue;
        };
        let mut found = certificates_of(&signed);
        for signer in signed.signer_infos.0.iter() {
            let tokens = signer
                .unsigned_attrs
                .iter()
                .flat_map(|attrs| attrs.iter())
                .filter(|attr| attr.oid == SIGNATURE_TIME_STAMP_TOKEN)
                .flat_map(|attr| attr.values.iter());
            for token in tokens {
                if let Some(token) = token.to_der().ok().and_then(|der| signed_data(&der)) {
                    found.extend(certificates_of(&token));
                }
            }
        }
        for cert in found {
            if !out.contains(&cert) {
                out.push(cert);
            }
        }
    }
    out
}

fn signed_data(der: &[u8]) -> Option<SignedData> {
    ContentInfo::from_der(der).ok()?.content.decode_as().ok()
}

fn certificates_of(signed: &SignedData) -> Vec<Certificate> {
    signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            _ => None,
        })
        .collect()
}

/// A root (or a self-signed consultant's certificate): nobody else could revoke it.
fn is_self_issued(cert: &Certificate) -> bool {
    cert.tbs_certificate.issuer == cert.tbs_certificate.subject
}

/// The http(s) URLs of a certificate's CRL distribution points.
fn crl_urls(cert: &Certificate) -> Vec<String> {
    let Some(ext) = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == CrlDistributionPoints::OID)
    else {
        return Vec::new();
    };
    let Ok(points) = CrlDistributionPoints::from_der(ext.extn_value.as_bytes()) else {
        return Vec::new();
    };
    points
        .0
        .iter()
        .filter_map(|p| match &p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|name| match name {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://"))
        .collect()
}

/// Fetches the CRL at `url` and checks that it is a DER CRL of `cert`'s issuer.
fn fetch_crl(url: &str, cert: &Certificate) -> Result<Vec<u8>, String> {
    let bytes = http_get(url)?;
    let crl = CertificateList::from_der(&bytes)
        .map_err(|e| format!("the server's answer is not a DER CRL: {e}"))?;
    if crl.tbs_cert_list.issuer != cert.tbs_certificate.issuer {
        return Err(format!(
            "the CRL is issued by {}, not by the certificate's issuer {}",
            crl.tbs_cert_list.issuer, cert.tbs_certificate.issuer
        ));
    }
    Ok(bytes)
}

/// One GET, on a runtime of its own on a thread of its own: signing is synchronous and may
/// run inside another runtime (the desktop shell's), where blocking on a nested one panics.
fn http_get(url: &str) -> Result<Vec<u8>, String> {
    let roots = crate::probe::tls::root_store(&[]);
    let tls = crate::probe::tls::http_client_config(roots)?;
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(FETCH_TIMEOUT)
        .timeout(FETCH_TIMEOUT)
        .build()
        .map_err(|e| e.to_string())?;
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| e.to_string())?;
                runtime.block_on(async {
                    let response = client.get(url).send().await.map_err(|e| e.to_string())?;
                    if !response.status().is_success() {
                        return Err(format!("the server answered {}", response.status()));
                    }
                    let body = response.bytes().await.map_err(|e| e.to_string())?;
                    if body.len() > MAX_CRL_BYTES {
                        return Err(format!("the CRL is larger than {MAX_CRL_BYTES} bytes"));
                    }
                    Ok(body.to_vec())
                })
            })
            .join()
            .map_err(|_| "the request thread stopped".to_string())?
    })
}

/// What the DSS of `doc` (a file's final revision) holds; `None` when it has none.
pub(super) fn read(doc: &Document) -> Option<ValidationData> {
    let existing = Existing::read(doc);
    if existing.id.is_none() && existing.dict.is_empty() {
        return None;
    }
    let ocsp_responses = streams(doc, &existing.dict, b"OCSPs").0.len();
    let crl_issuers: Vec<_> = existing
        .crl_ders
        .iter()
        .filter_map(|der| CertificateList::from_der(der).ok())
        .map(|crl| crl.tbs_cert_list.issuer)
        .collect();
    let without_revocation = existing
        .cert_ders
        .iter()
        .filter_map(|der| Certificate::from_der(der).ok())
        .filter(|cert| !is_self_issued(cert))
        .filter(|cert| !crl_issuers.contains(&cert.tbs_certificate.issuer))
        .filter_map(|cert| {
            let urls = crl_urls(&cert);
            (!urls.is_empty()).then(|| {
                format!(
                    "{} (CRL at {})",
                    cert.tbs_certificate.subject,
                    urls.join(", ")
                )
            })
        })
        .collect();
    Some(ValidationData {
        certificates: existing.cert_refs.len(),
        crls: existing.crl_refs.len(),
        ocsp_responses,
        without_revocation,
    })
}

/// `pdf` with `objects` appended as an incremental update: the objects, a cross-reference
/// section for them, and a trailer that keeps the document's `/Info` and `/ID`.
fn append_update(
    pdf: &[u8],
    doc: &Document,
    root: ObjectId,
    objects: &[(ObjectId, Object)],
) -> Result<Vec<u8>, String> {
    let previous_xref = last_startxref(pdf).ok_or("the PDF has no startxref")?;
    let mut out = pdf.to_vec();
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let mut offsets: Vec<(ObjectId, usize)> = Vec::new();
    for (id, object) in objects {
        offsets.push((*id, out.len()));
        out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
        write_object(&mut out, object);
        out.extend_from_slice(b"\nendobj\n");
    }
    offsets.sort();
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    for (id, offset) in &offsets {
        out.extend_from_slice(format!("{} 1\n{offset:010} {:05} n \n", id.0, id.1).as_bytes());
    }
    let highest = offsets.iter().map(|(id, _)| id.0).max().unwrap_or(0);
    let previous_size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .unwrap_or(0);
    let size = previous_size.max(i64::from(highest.max(doc.max_id)) + 1);
    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(size));
    trailer.set("Root", Object::Reference(root));
    trailer.set("Prev", Object::Integer(previous_xref as i64));
    for key in [b"Info".as_slice(), b"ID".as_slice()] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    out.extend_from_slice(b"trailer\n");
    write_object(&mut out, &Object::Dictionary(trailer));
    out.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    Ok(out)
}

fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let at = pdf.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(pdf.get(at + 9..)?.get(..32.min(pdf.len() - at - 9))?).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// PDF syntax for one object (literal strings escaped, streams as they are stored).
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(f) => out.extend_from_slice(format!("{f}").as_bytes()),
        Object::Name(name) => {
            out.push(b'/');
            for &b in name {
                if b.is_ascii_graphic() && !b"/()<>[]{}%#".contains(&b) {
                    out.push(b);
                } else {
                    out.extend_from_slice(format!("#{b:02X}").as_bytes());
                }
            }
        }
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex::encode_upper(bytes).as_bytes());
            out.push(b'>');
        }
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &b in bytes {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            write_dict(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => out.extend_from_slice(format!("{} {} R", id.0, id.1).as_bytes()),
    }
}

fn write_dict(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_object(out, &Object::Name(key.clone()));
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_names_are_escaped() {
        let mut out = Vec::new();
        let mut dict = Dictionary::new();
        dict.set("A b", Object::string_literal("x (y) \\ z"));
        write_object(&mut out, &Object::Dictionary(dict));
        assert_eq!(out, b"<</A#20b (x \\(y\\) \\\\ z)>>");
    }

    #[test]
    fn the_summary_counts_in_words() {
        let data = ValidationData {
            certificates: 1,
            crls: 2,
            ..ValidationData::default()
        };
        assert_eq!(data.summary(), "1 certificate, 2 CRLs");
    }
}
