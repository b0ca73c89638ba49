//! The report as an accessible, archivable file, read back with pikepdf (qpdf's library,
//! from PyPI in the `scripts/setup.sh pytools` venv) and poppler: the structure tree, its
//! link to the marked content of every page, the language, the viewer settings and the
//! PDF version; and pdftotext reading the first page in order.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{data, exported, run};

fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/py-tools/bin/python");
    assert!(
        venv.exists(),
        "{} is missing; run scripts/setup.sh pytools",
        venv.display()
    );
    venv
}

/// What pikepdf finds in `pdf`, as JSON.
fn structure_of(pdf: &Path) -> serde_json::Value {
    let script = r#"
import json, sys, collections, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root
out = {
    "version": pdf.pdf_version,
    "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
    "lang": str(root.get("/Lang", "")),
    "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
    "page_mode": str(root.get("/PageMode", "")),
    "pdfx_claim": "/GTS_PDFXVersion" in pdf.docinfo,
    "has_outlines": "/Outlines" in root,
}
tree = root.StructTreeRoot
roles = collections.Counter()
figures = []
order = []
def walk(elem, depth):
    if not isinstance(elem, pikepdf.Dictionary) or "/S" not in elem:
        return
    role = str(elem.S)
    roles[role] += 1
    if role == "/Figure":
        figures.append(str(elem.get("/Alt", "")))
    if role in ("/H1", "/H2", "/H3"):
        order.append(int(role[2]))
    kids = elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for kid in kids:
        walk(kid, depth + 1)
k = tree.K
for elem in (k if isinstance(k, pikepdf.Array) else [k]):
    walk(elem, 0)
out["roles"] = dict(roles)
out["figures"] = figures
out["heading_levels"] = order
out["top"] = str((k[0] if isinstance(k, pikepdf.Array) else k).S)

# Every marked-content id in a page's content stream has its element in the parent tree.
nums = tree.ParentTree.Nums
parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
problems = []
mcids_total = 0
for index, page in enumerate(pdf.pages):
    key = page.obj.get("/StructParents")
    if key is None:
        problems.append(f"page {index + 1} has no /StructParents")
        continue
    mcids = []
    depth = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            depth += 1
            props = operands[1]
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
        elif op == "BMC":
            depth += 1
        elif op == "EMC":
            depth -= 1
            if depth < 0:
                problems.append(f"page {index + 1}: EMC without BDC")
    if depth != 0:
        problems.append(f"page {index + 1}: {depth} marked-content sequences left open")
    owners = parents.get(int(key))
    if owners is None:
        problems.append(f"page {index + 1}: no parent tree entry {int(key)}")
        continue
    if sorted(mcids) != list(range(len(owners))):
        problems.append(f"page {index + 1}: MCIDs {sorted(mcids)[:5]}… vs {len(owners)} owners")
    for n, owner in enumerate(owners):
        if not isinstance(owner, pikepdf.Dictionary) or "/S" not in owner:
            problems.append(f"page {index + 1}: MCID {n} has no owning element")
    mcids_total += len(mcids)
# Every link annotation is reachable from a Link element through the parent tree.
links = 0
for index, page in enumerate(pdf.pages):
    for annot in page.obj.get("/Annots", []):
        if str(annot.get("/Subtype")) != "/Link":
            continue
        links += 1
        key = annot.get("/StructParent")
        owner = parents.get(int(key)) if key is not None else None
        if owner is None or str(owner.get("/S")) != "/Link":
            problems.append(f"page {index + 1}: a link annotation without its Link element")
        if not int(annot.get("/F", 0)) & 4:
            problems.append(f"page {index + 1}: a link annotation that does not print")
out["links"] = links
out["problems"] = problems
out["mcids"] = mcids_total
print(json.dumps(out))
"#;
    let out = Command::new(python())
        .args(["-c", script, pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_signed_report_is_a_tagged_pdf_with_headings_tables_lists_and_figures() {
    let s = structure_of(&exported().pdf);
    assert_eq!(s["marked"], true, "{s}");
    assert_eq!(s["lang"], "en", "{s}");
    assert_eq!(s["display_doc_title"], true, "{s}");
    assert_eq!(s["top"], "/Document", "{s}");
    let roles = &s["roles"];
    for role in [
        "/H1", "/H2", "/H3", "/P", "/Table", "/TR", "/TH", "/TD", "/L", "/LI", "/Lbl", "/LBody",
        "/Figure", "/TOC", "/TOCI", "/Link",
    ] {
        assert!(
            roles[role].as_u64().unwrap_or(0) > 0,
            "no {role} element: {roles}"
        );
    }
    // The summary's progress chart and the timeline, each saying what it shows.
    let figures = s["figures"].as_array().unwrap();
    assert!(figures.len() >= 2, "{figures:?}");
    for alt in figures {
        let alt = alt.as_str().unwrap();
        assert!(alt.len() > 40, "a figure without a real /Alt: {alt:?}");
    }
    assert!(
        figures
            .iter()
            .any(|a| a.as_str().unwrap().contains("Timeline")),
        "{figures:?}"
    );
    assert_eq!(s["problems"], serde_json::json!([]), "{s}");
    assert!(s["mcids"].as_u64().unwrap() > 100, "{s}");
    assert!(s["links"].as_u64().unwrap() > 5, "{s}");
    // Headings in reading order never skip a level (H1 then H3 leaves a gap for a reader).
    let levels: Vec<u64> = s["heading_levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_u64().unwrap())
        .collect();
    assert_eq!(levels.first(), Some(&1), "{levels:?}");
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading level skipped: {levels:?}"
        );
    }
}

#[test]
fn the_file_claims_only_what_it_is_and_opens_its_bookmarks() {
    // Regression (issue 13): printpdf wrote %PDF-1.3 while using later features, an
    // /Info /GTS_PDFXVersion the file never met, and /PageMode as a string viewers ignore.
    let s = structure_of(&exported().pdf);
    assert_eq!(s["version"], "1.7", "{s}");
    assert_eq!(s["pdfx_claim"], false, "{s}");
    assert_eq!(s["has_outlines"], true, "{s}");
    assert_eq!(s["page_mode"], "/UseOutlines", "{s}");
}

#[test]
fn pdftotext_reads_the_first_page_in_reading_order() {
    let e = exported();
    let (ok, text) = run(
        "pdftotext",
        &["-f", "1", "-l", "1", e.pdf.to_str().unwrap(), "-"],
    );
    assert!(ok, "{text}");
    let data = data();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not on the first page:\n{text}"))
    };
    let title = at(&data.plan_name);
    let verdict = at(data.readiness.verdict.label());
    let id = at(&data.report_id);
    assert!(title < verdict && verdict < id, "out of order:\n{text}");
}
