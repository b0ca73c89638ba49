//! The document-level settings that make the report an honest, accessible, archivable file:
//! the PDF version its features need, the document language, the title shown in the viewer's
//! title bar, bookmarks that open, and no conformance claim it does not meet. Not for the
//! structure tree (that is [`super::structure`]) nor for the attachments ([`super::seal`]).
//!
//! printpdf 0.12.8 writes `%PDF-1.3`, a `/GTS_PDFXVersion` entry in `/Info` (a PDF/X claim
//! the report never met) and `/PageMode (UseOutlines)` as a string, which viewers ignore
//! because the key takes a name. This step runs on printpdf's lopdf output and fixes all
//! three.
//!
//! How far towards PDF/A-3 (ISO 19005-3) the file gets: fonts embedded, no transparency or
//! encryption, an sRGB output intent, XMP metadata matching `/Info`, the data attachment
//! with `/AFRelationship /Data` and the catalog's `/AF`, tagged structure and `/Lang`, link
//! annotations that print. It does not claim conformance (no `pdfaid` in the XMP): that
//! claim needs a validator run, and veraPDF, the reference validator, is a Java application
//! not packaged in the registries this project installs from. Known gaps to close before
//! claiming it: the embedded files' `/Params` carry no `/ModDate`, and nothing has checked
//! the font programs' widths against the PDF's `/W` arrays the way veraPDF does.

use lopdf::{Dictionary, Object, Stream, StringFormat};

/// The sRGB profile every colour of the report is meant in (see `assets/icc/README.md`).
const SRGB_PROFILE: &[u8] = include_bytes!("../../assets/icc/sRGB-v2-magic.icc");

/// What the features used need: tagged PDF with `/Tabs` (1.5), associated files (`/AF`,
/// PDF/A-3 on a 1.7 base).
pub const PDF_VERSION: &str = "1.7";

/// The language of every report's text.
pub const LANGUAGE: &str = "en";

/// Sets the version, language, viewer preferences and page mode, and drops the false claim.
pub fn catalog(pdf: &mut lopdf::Document, title: &str) {
    pdf.version = PDF_VERSION.to_string();
    if let Ok(info_id) = pdf.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = pdf.get_dictionary_mut(info_id)
    {
        info.remove(b"GTS_PDFXVersion");
        info.set("Title", lopdf::text_string(title));
    }
    let intent = srgb_output_intent(pdf);
    let Ok(catalog) = pdf.catalog_mut() else {
        return;
    };
    catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    catalog.set("Lang", lopdf::text_string(LANGUAGE));
    let mut preferences = Dictionary::new();
    preferences.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", preferences);
    let mode = if catalog.has(b"Outlines") {
        "UseOutlines"
    } else {
        "UseNone"
    };
    catalog.set("PageMode", mode);
}

/// The output intent PDF/A asks of a file painting in device colours: they are sRGB.
fn srgb_output_intent(pdf: &mut lopdf::Document) -> Dictionary {
    let mut profile = Stream::new(Dictionary::new(), SRGB_PROFILE.to_vec());
    profile.dict.set("N", 3);
    let profile_id = pdf.add_object(profile);
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let mut intent = Dictionary::new();
    intent.set("Type", "OutputIntent");
    intent.set("S", "GTS_PDFA1");
    intent.set("OutputConditionIdentifier", text("sRGB"));
    intent.set("RegistryName", text("http://www.color.org"));
    intent.set("Info", text("sRGB IEC61966-2.1"));
    intent.set("DestOutputProfile", profile_id);
    intent
}

/// Link annotations print (PDF/A forbids annotations without the print flag) and say in
/// `/Contents` where they go (PDF/UA asks for a description of every annotation).
pub fn annotation_flags(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let is_link = matches!(dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Link");
        if !is_link {
            continue;
        }
        if !dict.has(b"F") {
            // Bit 3: print.
            dict.set("F", 4);
        }
        if !dict.has(b"Contents") {
            let uri = dict
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|a| a.get(b"URI"))
                .and_then(Object::as_str)
                .map(|u| String::from_utf8_lossy(u).into_owned());
            let description = match uri.ok() {
                Some(uri) => format!("Opens {uri}"),
                None => "Goes to a section of this report".to_string(),
            };
            dict.set("Contents", lopdf::text_string(&description));
        }
    }
}
