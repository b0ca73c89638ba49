//! The tagged-PDF structure of a report: which drawn content is a heading, a paragraph, a
//! table cell, a list item or a figure, in reading order, and writing that as the PDF's
//! structure tree. Not for drawing or layout ([`super::page`] decides where things go).
//!
//! Why two halves: printpdf 0.12.8 writes marked-content operators (`BDC … EMC` with an
//! `/MCID`) into content streams but has no structure tree at all. So the canvas records,
//! while it draws, which element owns each marked-content id on each page ([`Tree`]), and
//! [`Tree::write`] adds the `/StructTreeRoot`, its elements, the `/ParentTree` and the pages'
//! `/StructParents` to the lopdf document printpdf produced, in the post-processing step
//! before the file is sealed and signed. Content outside any element (rules, zebra fills,
//! running headers and footers, icons beside the words they repeat) is an artifact.

use lopdf::{Dictionary, Object, ObjectId};

/// A standard structure type (PDF 32000-1 §14.8.4); no role map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    Table,
    TR,
    TH,
    TD,
    L,
    LI,
    Lbl,
    LBody,
    Figure,
    Toc,
    Toci,
    Link,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Figure => "Figure",
            Role::Toc => "TOC",
            Role::Toci => "TOCI",
            Role::Link => "Link",
        }
    }

    /// Whether drawn content belongs to this element itself. Content drawn while a grouping
    /// element (a table, a row, a list) is innermost is an artifact, or, if it is text, a
    /// paragraph of its own.
    pub fn holds_content(self) -> bool {
        matches!(
            self,
            Role::H1
                | Role::H2
                | Role::H3
                | Role::P
                | Role::TH
                | Role::TD
                | Role::Lbl
                | Role::LBody
                | Role::Figure
                | Role::Toci
                | Role::Link
        )
    }
}

/// An element's index in the tree.
pub type ElemId = usize;

#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(ElemId),
    /// A marked-content sequence: 0-based page and its id there.
    Content {
        page: usize,
        mcid: i64,
    },
    /// A link annotation: 0-based page and its index in the page's `/Annots`.
    Annotation {
        page: usize,
        index: usize,
    },
}

#[derive(Debug)]
struct Elem {
    role: Role,
    parent: Option<ElemId>,
    kids: Vec<Kid>,
    alt: Option<String>,
}

/// The structure recorded while drawing.
#[derive(Debug)]
pub struct Tree {
    elems: Vec<Elem>,
    /// Owner of each marked-content id, per page: `owners[page][mcid]`.
    owners: Vec<Vec<ElemId>>,
}

impl Default for Tree {
    fn default() -> Tree {
        Tree::new()
    }
}

impl Tree {
    /// A tree holding only the `Document` root (element 0).
    pub fn new() -> Tree {
        Tree {
            elems: vec![Elem {
                role: Role::Document,
                parent: None,
                kids: Vec::new(),
                alt: None,
            }],
            owners: Vec::new(),
        }
    }

    pub const ROOT: ElemId = 0;

    /// Adds an element as the last child of `parent`.
    pub fn add(&mut self, parent: ElemId, role: Role, alt: Option<String>) -> ElemId {
        let id = self.elems.len();
        self.elems.push(Elem {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            alt,
        });
        if let Some(p) = self.elems.get_mut(parent) {
            p.kids.push(Kid::Elem(id));
        }
        id
    }

    pub fn role(&self, id: ElemId) -> Role {
        self.elems.get(id).map_or(Role::Document, |e| e.role)
    }

    /// Gives `owner` the next marked-content id on `page` (0-based) and returns it.
    pub fn mark(&mut self, owner: ElemId, page: usize) -> i64 {
        if self.owners.len() <= page {
            self.owners.resize_with(page + 1, Vec::new);
        }
        let mcid = self.owners[page].len() as i64;
        self.owners[page].push(owner);
        if let Some(e) = self.elems.get_mut(owner) {
            e.kids.push(Kid::Content { page, mcid });
        }
        mcid
    }

    /// Makes the `index`th annotation of `page` (0-based) a kid of `owner` (a `Link`).
    pub fn annotate(&mut self, owner: ElemId, page: usize, index: usize) {
        if let Some(e) = self.elems.get_mut(owner) {
            e.kids.push(Kid::Annotation { page, index });
        }
    }

    /// Writes the tree into `pdf`, whose pages are in drawing order and whose annotations
    /// are indirect objects, and marks the document as tagged. Elements that ended up with
    /// no content and no children are left out.
    pub fn write(&self, pdf: &mut lopdf::Document) {
        let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
        let annotations: Vec<Vec<ObjectId>> = pages
            .iter()
            .map(|&page| {
                pdf.get_dictionary(page)
                    .and_then(|p| p.get(b"Annots"))
                    .and_then(Object::as_array)
                    .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
                    .unwrap_or_default()
            })
            .collect();
        // Annotations' keys in the parent tree follow the pages'.
        let mut annotated: Vec<(ObjectId, ElemId)> = Vec::new();
        let kept = self.kept();
        let ids: Vec<Option<ObjectId>> = kept
            .iter()
            .map(|&keep| keep.then(|| pdf.new_object_id()))
            .collect();
        let root_id = pdf.new_object_id();
        for (elem_index, elem) in self.elems.iter().enumerate() {
            let Some(id) = ids[elem_index] else { continue };
            let first_page = elem.kids.iter().find_map(|k| match k {
                Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
                Kid::Elem(_) => None,
            });
            let kids: Vec<Object> = elem
                .kids
                .iter()
                .filter_map(|kid| match *kid {
                    Kid::Elem(child) => ids.get(child).copied().flatten().map(Object::Reference),
                    Kid::Content { page, mcid } if Some(page) == first_page => {
                        Some(Object::Integer(mcid))
                    }
                    Kid::Content { page, mcid } => {
                        let page_id = pages.get(page)?;
                        let mut mcr = Dictionary::new();
                        mcr.set("Type", "MCR");
                        mcr.set("Pg", *page_id);
                        mcr.set("MCID", mcid);
                        Some(Object::Dictionary(mcr))
                    }
                    Kid::Annotation { page, index } => {
                        let annotation = *annotations.get(page)?.get(index)?;
                        annotated.push((annotation, elem_index));
                        let mut objr = Dictionary::new();
                        objr.set("Type", "OBJR");
                        objr.set("Pg", *pages.get(page)?);
                        objr.set("Obj", annotation);
                        Some(Object::Dictionary(objr))
                    }
                })
                .collect();
            let mut dict = Dictionary::new();
            dict.set("Type", "StructElem");
            dict.set("S", elem.role.name());
            let parent = elem
                .parent
                .and_then(|p| ids.get(p).copied().flatten())
                .unwrap_or(root_id);
            dict.set("P", parent);
            if let Some(page_id) = first_page.and_then(|p| pages.get(p)) {
                dict.set("Pg", *page_id);
            }
            dict.set("K", kids);
            if let Some(alt) = &elem.alt {
                dict.set("Alt", lopdf::text_string(alt));
            }
            if elem.role == Role::TH {
                let mut attributes = Dictionary::new();
                attributes.set("O", "Table");
                attributes.set("Scope", "Column");
                dict.set("A", attributes);
            }
            pdf.objects.insert(id, Object::Dictionary(dict));
        }

        // The parent tree: for each page, the element owning each of its marked-content ids.
        let mut nums = Vec::new();
        for (index, page_id) in pages.iter().enumerate() {
            let owners = self.owners.get(index).map(Vec::as_slice).unwrap_or(&[]);
            let refs: Vec<Object> = owners
                .iter()
                .map(|&o| {
                    ids.get(o)
                        .copied()
                        .flatten()
                        .map_or(Object::Null, Object::Reference)
                })
                .collect();
            nums.push(Object::Integer(index as i64));
            nums.push(Object::Reference(pdf.add_object(Object::Array(refs))));
            if let Ok(page) = pdf.get_dictionary_mut(*page_id) {
                page.set("StructParents", index as i64);
                // Tab order follows the structure.
                page.set("Tabs", "S");
            }
        }
        for (n, (annotation, owner)) in annotated.iter().enumerate() {
            let key = (pages.len() + n) as i64;
            let Some(owner) = ids.get(*owner).copied().flatten() else {
                continue;
            };
            if let Ok(dict) = pdf.get_dictionary_mut(*annotation) {
                dict.set("StructParent", key);
            }
            nums.push(Object::Integer(key));
            nums.push(Object::Reference(owner));
        }
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", nums);
        let parent_tree_id = pdf.add_object(parent_tree);

        let mut root = Dictionary::new();
        root.set("Type", "StructTreeRoot");
        if let Some(document) = ids.first().copied().flatten() {
            root.set("K", vec![Object::Reference(document)]);
        }
        root.set("ParentTree", parent_tree_id);
        root.set("ParentTreeNextKey", (pages.len() + annotated.len()) as i64);
        pdf.objects.insert(root_id, Object::Dictionary(root));

        if let Ok(catalog) = pdf.catalog_mut() {
            catalog.set("StructTreeRoot", root_id);
            let mut mark_info = Dictionary::new();
            mark_info.set("Marked", true);
            catalog.set("MarkInfo", mark_info);
        }
    }

    /// Which elements to write: those with content of their own or a kept descendant (the
    /// root always).
    fn kept(&self) -> Vec<bool> {
        let mut kept = vec![false; self.elems.len()];
        // Children always come after their parents, so one backward pass suffices.
        for index in (0..self.elems.len()).rev() {
            let elem = &self.elems[index];
            let has_content = elem.kids.iter().any(|k| match *k {
                Kid::Content { .. } | Kid::Annotation { .. } => true,
                Kid::Elem(child) => kept[child],
            });
            kept[index] = has_content || index == Tree::ROOT;
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ids_count_per_page_and_empty_elements_are_dropped() {
        let mut tree = Tree::new();
        let table = tree.add(Tree::ROOT, Role::Table, None);
        let row = tree.add(table, Role::TR, None);
        let cell = tree.add(row, Role::TD, None);
        let empty = tree.add(Tree::ROOT, Role::L, None);
        assert_eq!(tree.mark(cell, 0), 0);
        assert_eq!(tree.mark(cell, 0), 1);
        assert_eq!(tree.mark(cell, 1), 0);
        let kept = tree.kept();
        assert!(kept[table] && kept[row] && kept[cell]);
        assert!(!kept[empty]);
        assert_eq!(tree.elems[cell].parent, Some(row));
    }
}
