//! What the incremental updates after each signature changed, judged the way a strict
//! validator does (pyHanko's default diff policy, which models what Acrobat accepts after a
//! certification signature with "form filling and signing" allowed).
//!
//! An update may add signatures (the signature dictionary, its field and widget), append
//! that field to the AcroForm's field list and the widget to a page's `/Annots`, add or
//! extend a DSS (long-term validation data), and change the document information. Anything
//! else — a page's content, an annotation that is no signature, a removed field — makes
//! every earlier signature invalid: the document it signed is not the one shown. This
//! module does not check signatures' cryptography (see `verify`).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// One revision of the file: where it ends and what it holds.
pub(super) struct Revision {
    /// Offset just past the revision's `%%EOF` line.
    pub end: usize,
    doc: Document,
}

impl Revision {
    /// The document as of this revision.
    pub fn doc(&self) -> &Document {
        &self.doc
    }
}

/// The revisions of `pdf`, oldest first. A `%%EOF` that does not close a readable revision
/// (for example inside binary stream data) is skipped.
pub(super) fn revisions(pdf: &[u8]) -> Vec<Revision> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], b"%%EOF").map(|i| i + from) {
        let mut end = at + 5;
        while end < pdf.len() && matches!(pdf[end], b'\r' | b'\n') {
            end += 1;
        }
        from = end;
        if let Ok(doc) = Document::load_mem(&pdf[..end]) {
            out.push(Revision { end, doc });
        }
    }
    out
}

/// The revision a signature signed: the one its byte range ends with (trailing line ends
/// aside). `None` when the range ends inside a revision.
pub(super) fn revision_of(revisions: &[Revision], pdf: &[u8], range_end: usize) -> Option<usize> {
    revisions.iter().position(|r| {
        r.end >= range_end
            && pdf
                .get(range_end..r.end)
                .is_some_and(|gap| gap.iter().all(|b| matches!(b, b'\r' | b'\n')))
    })
}

/// Why the file as it is now differs from revision `signed` by more than signatures (and
/// validation data), naming the revision that first made the difference; `None` when it
/// does not. Like pyHanko, this compares the signed revision with the final one as a whole,
/// not update by update: an update undone by a later one does not count.
pub(super) fn changes_since(revisions: &[Revision], signed: usize) -> Option<String> {
    let base = &revisions.get(signed)?.doc;
    let last = revisions.len() - 1;
    judge(base, &revisions[last].doc)?;
    (signed + 1..=last).find_map(|k| {
        judge(base, &revisions[k].doc).map(|what| format!("revision {} {what}", k + 1))
    })
}

/// The names of signature fields that an earlier revision has and the final one lacks.
pub(super) fn removed_signatures(revisions: &[Revision]) -> Vec<String> {
    let Some(last) = revisions.last() else {
        return Vec::new();
    };
    let now = signature_fields(&last.doc);
    let mut removed: Vec<String> = Vec::new();
    for revision in revisions {
        for name in signature_fields(&revision.doc) {
            if !now.contains(&name) && !removed.contains(&name) {
                removed.push(name);
            }
        }
    }
    removed
}

/// The names of the signed signature fields of a revision's form.
fn signature_fields(doc: &Document) -> Vec<String> {
    let Ok(catalog) = doc.catalog() else {
        return Vec::new();
    };
    let Some(form) = catalog
        .get(b"AcroForm")
        .ok()
        .and_then(|f| deref(doc, f))
        .and_then(|f| f.as_dict().ok())
    else {
        return Vec::new();
    };
    refs(form.get(b"Fields").ok().and_then(|f| deref(doc, f)))
        .into_iter()
        .filter_map(|id| doc.get_dictionary(id).ok())
        .filter(|field| name_is(field, b"FT", b"Sig") && field.has(b"V"))
        .filter_map(|field| field.get(b"T").ok().and_then(|t| t.as_str().ok()))
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn name_is(dict: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    matches!(dict.get(key), Ok(Object::Name(n)) if n == value)
}

fn is_signature_dict(dict: &Dictionary) -> bool {
    (name_is(dict, b"Type", b"Sig") || name_is(dict, b"Type", b"DocTimeStamp"))
        && dict.has(b"ByteRange")
        && dict.has(b"Contents")
}

/// A cross-reference stream or an object stream: how a revision is stored, not what it
/// shows (the objects an object stream holds are judged one by one). The report is saved
/// with both since it is tagged, and a validator's update to it (pyHanko's) adds its own.
fn is_file_structure(object: &Object) -> bool {
    matches!(object, Object::Stream(stream)
        if name_is(&stream.dict, b"Type", b"XRef") || name_is(&stream.dict, b"Type", b"ObjStm"))
}

fn refs(object: Option<&Object>) -> Vec<ObjectId> {
    match object {
        Some(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// Everything reachable from `start` through references, `start` included.
fn reachable(doc: &Document, start: ObjectId, into: &mut BTreeSet<ObjectId>) {
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        if !into.insert(id) {
            continue;
        }
        let Ok(object) = doc.get_object(id) else {
            continue;
        };
        collect_refs(object, &mut todo);
    }
}

fn collect_refs(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| collect_refs(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| collect_refs(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| collect_refs(o, out)),
        _ => {}
    }
}

/// The keys whose values differ between two dictionaries (present in one only included).
fn changed_keys(old: &Dictionary, new: &Dictionary) -> BTreeSet<Vec<u8>> {
    let mut keys: BTreeSet<Vec<u8>> = old.iter().map(|(k, _)| k.clone()).collect();
    keys.extend(new.iter().map(|(k, _)| k.clone()));
    keys.into_iter()
        .filter(|k| old.get(k).ok() != new.get(k).ok())
        .collect()
}

/// The objects of `doc` in page order, with their 1-based page numbers.
fn page_numbers(doc: &Document) -> BTreeMap<ObjectId, u32> {
    doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect()
}

/// Why the update from `old` to `new` is not signature-only; `None` when it is.
fn judge(old: &Document, new: &Document) -> Option<String> {
    let mut changed: Vec<ObjectId> = Vec::new();
    for (id, object) in &new.objects {
        if old.objects.get(id) != Some(object) && !is_file_structure(object) {
            changed.push(*id);
        }
    }
    if let Some(gone) = old.objects.keys().find(|id| !new.objects.contains_key(id)) {
        return Some(format!("deletes object {} {}", gone.0, gone.1));
    }
    let fresh = |id: &ObjectId| !old.objects.contains_key(id);

    // The new signatures: fields of type /Sig whose value is a new signature dictionary.
    let mut signature_objects: BTreeSet<ObjectId> = BTreeSet::new();
    let mut new_fields: BTreeSet<ObjectId> = BTreeSet::new();
    for id in changed.iter().filter(|id| fresh(id)) {
        let Ok(dict) = new.get_dictionary(*id) else {
            continue;
        };
        if !name_is(dict, b"FT", b"Sig") {
            continue;
        }
        let Ok(value) = dict.get(b"V").and_then(Object::as_reference) else {
            continue;
        };
        if fresh(&value) && new.get_dictionary(value).is_ok_and(is_signature_dict) {
            new_fields.insert(*id);
            signature_objects.insert(value);
            // An appearance stream of the widget comes with it.
            if let Ok(ap) = dict.get(b"AP") {
                let mut todo = Vec::new();
                collect_refs(ap, &mut todo);
                for ap_id in todo.into_iter().filter(|i| fresh(i)) {
                    reachable(new, ap_id, &mut signature_objects);
                }
            }
        }
    }

    let old_root = old.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let new_root = new.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if old_root != new_root {
        return Some("replaces the document catalog".into());
    }
    let root = new_root?;
    let catalog_old = old.get_dictionary(root).ok()?;
    let catalog_new = new.get_dictionary(root).ok()?;
    let acroform_id = catalog_new
        .get(b"AcroForm")
        .and_then(Object::as_reference)
        .ok();
    let info_id = new.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let metadata_id = catalog_new
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .ok();

    // Long-term validation data: the DSS itself and the new objects it reaches.
    let mut dss_objects: BTreeSet<ObjectId> = BTreeSet::new();
    if let Ok(dss) = catalog_new.get(b"DSS") {
        let mut todo = Vec::new();
        collect_refs(dss, &mut todo);
        let direct: Vec<ObjectId> = todo.clone();
        for id in todo {
            reachable(new, id, &mut dss_objects);
        }
        dss_objects.retain(|id| fresh(id) || direct.contains(id));
    }

    let pages_old = page_numbers(old);
    for id in changed {
        if new_fields.contains(&id) || signature_objects.contains(&id) || dss_objects.contains(&id)
        {
            continue;
        }
        // Document information and XMP metadata may change, as pyHanko allows.
        if Some(id) == info_id || Some(id) == metadata_id {
            continue;
        }
        if id == root {
            let keys = changed_keys(catalog_old, catalog_new);
            // The keys pyHanko's catalog rule lets change (the metadata stream itself is
            // judged as an object of its own below).
            let allowed: [&[u8]; 6] = [
                b"AcroForm",
                b"DSS",
                b"Extensions",
                b"Metadata",
                b"MarkInfo",
                b"Version",
            ];
            if let Some(key) = keys.iter().find(|k| !allowed.contains(&k.as_slice())) {
                return Some(format!(
                    "changes the document catalog's /{}",
                    String::from_utf8_lossy(key)
                ));
            }
            if catalog_old.has(b"AcroForm")
                && catalog_old.get(b"AcroForm").ok() != catalog_new.get(b"AcroForm").ok()
            {
                return Some("replaces the form (AcroForm) of the document".into());
            }
            continue;
        }
        if Some(id) == acroform_id {
            if let Some(problem) = judge_acroform(old, new, id, &new_fields) {
                return Some(problem);
            }
            continue;
        }
        if let Some(page) = pages_old.get(&id) {
            if let Some(problem) = judge_page(old, new, id, *page, &new_fields) {
                return Some(problem);
            }
            continue;
        }
        return Some(describe(old, new, id, &pages_old));
    }
    None
}

fn judge_acroform(
    old: &Document,
    new: &Document,
    id: ObjectId,
    new_fields: &BTreeSet<ObjectId>,
) -> Option<String> {
    let Ok(form_new) = new.get_dictionary(id) else {
        return Some("makes the form (AcroForm) unreadable".into());
    };
    // A form created by this update holds nothing earlier signatures signed.
    let Ok(form_old) = old.get_dictionary(id) else {
        return None;
    };
    let keys = changed_keys(form_old, form_new);
    let allowed = [b"Fields".as_slice(), b"SigFlags".as_slice()];
    if let Some(key) = keys.iter().find(|k| !allowed.contains(&k.as_slice())) {
        return Some(format!(
            "changes the form's /{}",
            String::from_utf8_lossy(key)
        ));
    }
    let before = refs(form_old.get(b"Fields").ok().and_then(|f| deref(old, f)));
    let after = refs(form_new.get(b"Fields").ok().and_then(|f| deref(new, f)));
    if after.len() < before.len() || after[..before.len()] != before[..] {
        return Some("removes or reorders form fields (a signature was removed)".into());
    }
    if let Some(extra) = after[before.len()..]
        .iter()
        .find(|f| !new_fields.contains(f))
    {
        return Some(format!(
            "adds form field {} {} that is not a new signature",
            extra.0, extra.1
        ));
    }
    None
}

fn judge_page(
    old: &Document,
    new: &Document,
    id: ObjectId,
    page: u32,
    new_fields: &BTreeSet<ObjectId>,
) -> Option<String> {
    let (Ok(page_old), Ok(page_new)) = (old.get_dictionary(id), new.get_dictionary(id)) else {
        return Some(format!("replaces page {page}"));
    };
    let keys = changed_keys(page_old, page_new);
    if let Some(key) = keys.iter().find(|k| k.as_slice() != b"Annots") {
        let what = match key.as_slice() {
            b"Contents" => "content".to_string(),
            b"Resources" => "resources".to_string(),
            other => format!("/{}", String::from_utf8_lossy(other)),
        };
        return Some(format!("changes page {page}'s {what}"));
    }
    let before = refs(page_old.get(b"Annots").ok().and_then(|a| deref(old, a)));
    let after = refs(page_new.get(b"Annots").ok().and_then(|a| deref(new, a)));
    if before.iter().any(|a| !after.contains(a)) {
        return Some(format!(
            "removes an annotation from page {page} (a signature was removed)"
        ));
    }
    if after
        .iter()
        .any(|a| !before.contains(a) && !new_fields.contains(a))
    {
        return Some(format!(
            "adds an annotation to page {page} that is not a signature"
        ));
    }
    None
}

/// Names a changed object for the reader: a page's content stream, an annotation, a font…
fn describe(
    old: &Document,
    new: &Document,
    id: ObjectId,
    pages: &BTreeMap<ObjectId, u32>,
) -> String {
    for (page_id, page) in pages {
        let Ok(dict) = old.get_dictionary(*page_id) else {
            continue;
        };
        let contents = dict.get(b"Contents").ok();
        let in_contents = match contents {
            Some(Object::Reference(c)) => *c == id,
            Some(Object::Array(items)) => items.iter().any(|o| o.as_reference().ok() == Some(id)),
            _ => false,
        };
        if in_contents {
            return format!("changes page {page}'s content");
        }
        let annots = refs(dict.get(b"Annots").ok().and_then(|a| deref(old, a)));
        if annots.contains(&id) {
            return format!("changes an annotation on page {page}");
        }
    }
    let kind = new
        .get_object(id)
        .ok()
        .and_then(|o| match o {
            Object::Dictionary(d) => d.get(b"Type").ok(),
            Object::Stream(s) => s.dict.get(b"Type").ok(),
            _ => None,
        })
        .and_then(|t| t.as_name().ok())
        .map(|n| format!(" (/{})", String::from_utf8_lossy(n)))
        .unwrap_or_default();
    if old.objects.contains_key(&id) {
        format!("changes object {} {}{kind}", id.0, id.1)
    } else {
        format!(
            "adds object {} {}{kind} that is not part of a signature",
            id.0, id.1
        )
    }
}
