//! Evidence for a task: notes, links, files (kept content-addressed beside the database)
//! and probe results. Evidence only grows: nothing here edits or removes it.

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
}

const MAX_NOTE_BYTES: usize = 1 << 20;

fn check_url(url: &str) -> Result<String, StoreError> {
    let url = url.trim();
    let scheme_ok = ["https://", "http://", "file://", "mailto:"]
        .iter()
        .any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
    if !scheme_ok || url.chars().any(char::is_whitespace) {
        return Err(StoreError::InvalidInput(format!(
            "{url:?} is not a link; give a full URL such as https://example.com/report"
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
            NewEvidence::Note(text) => {
                let text = text.trim().to_string();
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
                (EvidenceKind::Note, text, None, None, None)
            }
            NewEvidence::Link { url, title } => {
                let title = title
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty());
                (EvidenceKind::Link, check_url(&url)?, title, None, None)
            }
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
            "SELECT id, gid, task_id, kind, body, title, sha256, size, created_at, created_by
             FROM evidence WHERE plan_id = ?1 AND (?2 IS NULL OR task_id = ?2) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![plan_id, task_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Gid>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, gid, task_id, kind, body, title, sha256, size, created_at, created_by) = row?;
            out.push(Evidence {
                id,
                gid,
                task_id,
                kind: EvidenceKind::parse(&kind)?,
                body,
                title,
                sha256,
                size: size.and_then(|s| u64::try_from(s).ok()),
                created_at,
                created_by,
            });
        }
        Ok(out)
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
        _ => body.chars().take(120).collect(),
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
    })
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
