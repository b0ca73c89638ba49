//! Evidence for a task: notes, links, files (kept content-addressed beside the database)
//! and probe results, as added and read. Nothing here edits or retracts it: corrections are
//! [`super::corrections`], which keep every row and log what changed.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::items::{load_item, unknown_task};
use super::plans::hex;
use super::{Actor, Change, EventKind, Gid, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    Note,
    Link,
    File,
    Probe,
}

impl EvidenceKind {
    pub fn key(self) -> &'static str {
        match self {
            EvidenceKind::Note => "note",
            EvidenceKind::Link => "link",
            EvidenceKind::File => "file",
            EvidenceKind::Probe => "probe",
        }
    }

    pub(super) fn parse(text: &str) -> Result<EvidenceKind, StoreError> {
        match text {
            "note" => Ok(EvidenceKind::Note),
            "link" => Ok(EvidenceKind::Link),
            "file" => Ok(EvidenceKind::File),
            "probe" => Ok(EvidenceKind::Probe),
            other => Err(StoreError::Corrupt(format!("evidence kind {other:?}"))),
        }
    }
}

/// Evidence as the user adds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEvidence {
    /// A Markdown note.
    Note(String),
    Link {
        url: String,
        title: Option<String>,
    },
    /// A file to copy into the store.
    File(PathBuf),
    /// A probe check's result: its id and one-line finding.
    Probe {
        check: String,
        finding: String,
    },
}

/// Stored evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub gid: Gid,
    pub task_id: String,
    pub kind: EvidenceKind,
    /// Note text, URL, original file name, or probe finding.
    pub body: String,
    /// Link title or probe check id.
    pub title: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<u64>,
    pub created_at: String,
    pub created_by: String,
    /// When and by whom the text was last corrected; `None` while it is as added.
    pub edited: Option<Stamp>,
    /// Set once the evidence is retracted: it then counts for nothing (verdict, report).
    pub retracted: Option<Retraction>,
}

impl Evidence {
    /// Not retracted: it counts for its task.
    pub fn is_live(&self) -> bool {
        self.retracted.is_none()
    }
}

/// Who did something to a row, and when (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stamp {
    pub at: String,
    pub by: String,
}

/// Why, when and by whom evidence was taken back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retraction {
    pub at: String,
    pub by: String,
    pub reason: String,
}

const MAX_NOTE_BYTES: usize = 1 << 20;

/// A note as stored: trimmed, not empty, at most 1 MB.
pub(super) fn check_note(text: &str) -> Result<String, StoreError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::InvalidInput(
            "the note is empty; write what was done or found".into(),
        ));
    }
    if text.len() > MAX_NOTE_BYTES {
        return Err(StoreError::InvalidInput(
            "the note is larger than 1 MB; attach long texts as a file instead".into(),
        ));
    }
    Ok(text.to_string())
}

/// A link's title as stored: trimmed, none when blank.
pub(super) fn link_title(title: Option<String>) -> Option<String> {
    title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A link as stored: trimmed, with `https://` put before a bare host such as
/// `shop.example.com/status` (what people paste from an address bar), else refused.
pub(super) fn check_url(url: &str) -> Result<String, StoreError> {
    let url = url.trim();
    let bare_host = !url.contains("://")
        && !url.to_ascii_lowercase().starts_with("mailto:")
        && url.split(['/', '?', '#']).next().is_some_and(|host| {
            host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        });
    let normalised;
    let url = if bare_host {
        normalised = format!("https://{url}");
        normalised.as_str()
    } else {
        url
    };
    let scheme_ok = ["https://", "http://", "file://", "mailto:"]
        .iter()
        .any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
    if !scheme_ok || url.chars().any(char::is_whitespace) {
        return Err(StoreError::InvalidInput(format!(
            "{url:?} is not a link; give an address such as example.com/report or \
             https://example.com/report"
        )));
    }
    Ok(url.to_string())
}

impl Store {
    /// Where evidence files live: `files/` beside the database, named by SHA-256.
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir().join("files")
    }

    /// The stored copy of a file evidence.
    pub fn evidence_file(&self, evidence: &Evidence) -> Option<PathBuf> {
        evidence
            .sha256
            .as_ref()
            .map(|sha| self.files_dir().join(&sha[..2]).join(sha))
    }

    /// Copies `source` into the content store; returns its SHA-256 and size.
    fn store_file(&self, source: &Path) -> Result<(String, u64), StoreError> {
        let metadata = std::fs::metadata(source).map_err(io(source))?;
        if !metadata.is_file() {
            return Err(StoreError::InvalidInput(format!(
                "{} is not a file; give the path of a file to attach",
                source.display()
            )));
        }
        let input = File::open(source).map_err(io(source))?;
        let staged = self.stage_blob(input, source)?;
        let (sha, size) = (staged.sha256.clone(), staged.size);
        staged.commit()?;
        Ok((sha, size))
    }

    /// Writes what `input` reads beside the content store, hashing it on the way; nothing is
    /// in the store until [`StagedBlob::commit`], and a dropped one leaves no trace. `origin`
    /// names the input in errors.
    pub fn stage_blob(&self, input: impl Read, origin: &Path) -> Result<StagedBlob, StoreError> {
        let dir = self.files_dir();
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let mut input = BufReader::new(input);
        let (path, mut file) = tempfile_in(&dir)?;
        let mut staged = StagedBlob {
            temp: Some(path.clone()),
            dir,
            sha256: String::new(),
            size: 0,
        };
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = input.read(&mut buf).map_err(io(origin))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            file.write_all(&buf[..n]).map_err(io(&path))?;
            staged.size += n as u64;
        }
        file.sync_all().map_err(io(&path))?;
        staged.sha256 = hex(&hasher.finalize());
        Ok(staged)
    }

    /// Adds evidence to a task. A file is copied into the store first; its row is written
    /// in one transaction with the history entry.
    pub fn add_evidence(
        &mut self,
        plan_id: i64,
        task_id: &str,
        new: NewEvidence,
    ) -> Result<Evidence, StoreError> {
        self.plan(plan_id)?;
        let (kind, body, title, sha256, size) = match new {
            NewEvidence::Note(text) => (EvidenceKind::Note, check_note(&text)?, None, None, None),
            NewEvidence::Link { url, title } => (
                EvidenceKind::Link,
                check_url(&url)?,
                link_title(title),
                None,
                None,
            ),
            NewEvidence::File(path) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                let (sha, size) = self.store_file(&path)?;
                (EvidenceKind::File, name, None, Some(sha), Some(size))
            }
            NewEvidence::Probe { check, finding } => {
                (EvidenceKind::Probe, finding, Some(check), None, None)
            }
        };
        self.write(|tx, actor| {
            insert_evidence(
                tx,
                actor,
                plan_id,
                task_id,
                kind,
                &body,
                title.as_deref(),
                sha256.as_deref().zip(size),
            )
        })
    }

    /// A plan's evidence, oldest first; with `task_id`, only that task's.
    pub fn evidence(
        &self,
        plan_id: i64,
        task_id: Option<&str>,
    ) -> Result<Vec<Evidence>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, gid, task_id, kind, body, title, sha256, size, created_at, created_by,
                    edited_at, edited_by, retracted_at, retracted_by, retract_reason
             FROM evidence WHERE plan_id = ?1 AND (?2 IS NULL OR task_id = ?2) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![plan_id, task_id], EvidenceRow::read)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row?.into_evidence()?);
        }
        Ok(out)
    }
}

/// One `evidence` row as stored, in the column order of [`Store::evidence`].
pub(super) struct EvidenceRow {
    id: i64,
    gid: Gid,
    task_id: String,
    kind: String,
    body: String,
    title: Option<String>,
    sha256: Option<String>,
    size: Option<i64>,
    created_at: String,
    created_by: String,
    edited_at: Option<String>,
    edited_by: Option<String>,
    retracted_at: Option<String>,
    retracted_by: Option<String>,
    retract_reason: Option<String>,
}

impl EvidenceRow {
    pub(super) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<EvidenceRow> {
        Ok(EvidenceRow {
            id: r.get(0)?,
            gid: r.get(1)?,
            task_id: r.get(2)?,
            kind: r.get(3)?,
            body: r.get(4)?,
            title: r.get(5)?,
            sha256: r.get(6)?,
            size: r.get(7)?,
            created_at: r.get(8)?,
            created_by: r.get(9)?,
            edited_at: r.get(10)?,
            edited_by: r.get(11)?,
            retracted_at: r.get(12)?,
            retracted_by: r.get(13)?,
            retract_reason: r.get(14)?,
        })
    }

    pub(super) fn into_evidence(self) -> Result<Evidence, StoreError> {
        Ok(Evidence {
            id: self.id,
            gid: self.gid,
            task_id: self.task_id,
            kind: EvidenceKind::parse(&self.kind)?,
            body: self.body,
            title: self.title,
            sha256: self.sha256,
            size: self.size.and_then(|s| u64::try_from(s).ok()),
            created_at: self.created_at,
            created_by: self.created_by,
            edited: self
                .edited_at
                .zip(self.edited_by)
                .map(|(at, by)| Stamp { at, by }),
            retracted: match (self.retracted_at, self.retracted_by) {
                (Some(at), Some(by)) => Some(Retraction {
                    at,
                    by,
                    reason: self.retract_reason.unwrap_or_default(),
                }),
                _ => None,
            },
        })
    }
}

/// Writes one evidence row and its history entry inside the caller's transaction.
#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
pub(super) fn insert_evidence(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    plan_id: i64,
    task_id: &str,
    kind: EvidenceKind,
    body: &str,
    title: Option<&str>,
    file: Option<(&str, u64)>,
) -> Result<Evidence, StoreError> {
    if load_item(tx, plan_id, task_id)?.is_none() {
        return Err(unknown_task(tx, plan_id, task_id)?);
    }
    let gid = Gid::new();
    let (sha256, size) = file.unzip();
    tx.execute(
        "INSERT INTO evidence (gid, plan_id, task_id, kind, body, title, sha256, size,
                               created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            gid,
            plan_id,
            task_id,
            kind.key(),
            body,
            title,
            sha256,
            size.map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
            actor.at,
            actor.who
        ],
    )?;
    let id = tx.last_insert_rowid();
    let summary = match kind {
        EvidenceKind::File => format!("{body} ({})", sha256.unwrap_or_default()),
        _ => summary_of(body),
    };
    actor.record(
        tx,
        Change {
            task_id: Some(task_id),
            field: Some(kind.key()),
            new: Some(summary),
            touches: vec![gid],
            ..Change::plan(plan_id, EventKind::EvidenceAdded)
        },
    )?;
    Ok(Evidence {
        id,
        gid,
        task_id: task_id.to_string(),
        kind,
        body: body.to_string(),
        title: title.map(str::to_string),
        sha256: sha256.map(str::to_string),
        size,
        created_at: actor.at.clone(),
        created_by: actor.who.clone(),
        edited: None,
        retracted: None,
    })
}

/// What the history keeps of an evidence text: its first 120 characters.
pub(super) fn summary_of(body: &str) -> String {
    body.chars().take(120).collect()
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |source| StoreError::Io { path, source }
}

/// A file written beside the content store, not yet in it.
#[derive(Debug)]
pub struct StagedBlob {
    temp: Option<PathBuf>,
    dir: PathBuf,
    pub sha256: String,
    pub size: u64,
}

impl StagedBlob {
    /// Moves the file into the content store under its hash (a copy already there stays).
    pub fn commit(mut self) -> Result<(), StoreError> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        let target_dir = self.dir.join(&self.sha256[..2]);
        std::fs::create_dir_all(&target_dir).map_err(io(&target_dir))?;
        let target = target_dir.join(&self.sha256);
        if target.exists() {
            let _ = std::fs::remove_file(&temp);
            return Ok(());
        }
        std::fs::rename(&temp, &target).map_err(io(&target))
    }
}

impl Drop for StagedBlob {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// A new file in `dir` with a unique name, for writing before an atomic rename.
fn tempfile_in(dir: &Path) -> Result<(PathBuf, File), StoreError> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let path = dir.join(format!(".incoming-{}-{stamp}", std::process::id()));
    let file = File::create_new(&path).map_err(|source| StoreError::Io {
        path: path.clone(),
        source,
    })?;
    Ok((path, file))
}
