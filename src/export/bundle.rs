//! A plan bundle: one file (a ZIP archive) that carries a plan to another machine — its
//! data (`plan.json`: settings, tasks, evidence rows, history, sign-offs, probe runs), every
//! evidence file (`files/<sha256>`) and a manifest with the checksums of both.
//!
//! Files are streamed in and out, never held in memory whole. Reading checks the format
//! version, the data's checksum and every file's hash (its name) before anything is kept:
//! a truncated, altered or newer bundle is refused with what is wrong. What the data means
//! to a database is [`crate::store`]'s (`Store::plan_data`, `Store::import_plan`).

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::store::{PlanData, StagedBlob, Store, StoreError};

/// The format name a bundle's manifest states.
pub const BUNDLE_FORMAT: &str = "golive-plan-bundle";
/// The bundle layout this build writes and reads.
pub const BUNDLE_VERSION: u32 = 1;

const MANIFEST: &str = "manifest.json";
const DATA: &str = "plan.json";

/// What a bundle says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub plan_name: String,
    pub plan_gid: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub created_by: String,
    pub data_sha256: String,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub sha256: String,
    pub size: u64,
}

/// Why a bundle could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a readable plan bundle ({reason}); it may be cut short or not a bundle at all", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{} was altered after it was written: {what}; ask for the bundle again", path.display())]
    Altered { path: PathBuf, what: String },
    #[error(
        "{} was written by a newer GoLive Planner (bundle version {found}, this one reads up to \
         {BUNDLE_VERSION}); update GoLive Planner to import it", path.display()
    )]
    Newer { path: PathBuf, found: u32 },
    #[error(
        "evidence file {0} is missing from this database's file store; the bundle would be incomplete"
    )]
    MissingFile(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes the plan's data and evidence files as a bundle at `out`; `file_of` finds a file
/// in the content store by its hash. Answers the manifest.
pub fn write_bundle(
    data: &PlanData,
    created_by: &str,
    file_of: impl Fn(&str) -> PathBuf,
    out: &Path,
) -> Result<Manifest, BundleError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| BundleError::Io { path, source }
    };
    let zip_err = |e: zip::result::ZipError| BundleError::Io {
        path: out.to_path_buf(),
        source: std::io::Error::other(e),
    };
    let json = serde_json::to_vec_pretty(data).map_err(|e| BundleError::Io {
        path: out.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    let mut files = Vec::new();
    for sha in data.file_hashes() {
        let path = file_of(&sha);
        let size = std::fs::metadata(&path)
            .map_err(|_| BundleError::MissingFile(sha.clone()))?
            .len();
        files.push(FileEntry { sha256: sha, size });
    }
    let manifest = Manifest {
        format: BUNDLE_FORMAT.to_string(),
        version: BUNDLE_VERSION,
        plan_name: data.plan.name.clone(),
        plan_gid: data.plan.gid.to_string(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        created_by: created_by.to_string(),
        data_sha256: hex(&Sha256::digest(&json)),
        files,
    };
    let partial = out.with_extension("partial");
    let result = (|| {
        let mut zip = ZipWriter::new(File::create(&partial).map_err(io(&partial))?);
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        // Evidence files are mostly compressed already (PDF, PNG); storing them is faster.
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(true);
        zip.start_file(MANIFEST, deflated).map_err(zip_err)?;
        serde_json::to_writer_pretty(&mut zip, &manifest).map_err(|e| BundleError::Io {
            path: partial.clone(),
            source: std::io::Error::other(e),
        })?;
        zip.start_file(DATA, deflated).map_err(zip_err)?;
        zip.write_all(&json).map_err(io(&partial))?;
        for f in &manifest.files {
            let path = file_of(&f.sha256);
            zip.start_file(format!("files/{}", f.sha256), stored)
                .map_err(zip_err)?;
            let mut input = File::open(&path).map_err(io(&path))?;
            std::io::copy(&mut input, &mut zip).map_err(io(&path))?;
        }
        let file = zip.finish().map_err(zip_err)?;
        file.sync_all().map_err(io(&partial))?;
        std::fs::rename(&partial, out).map_err(io(out))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map(|()| manifest)
}

/// A bundle read and checked: its manifest, its data, and its files staged beside the
/// content store (they enter it only when committed, after the import succeeded).
#[derive(Debug)]
pub struct OpenedBundle {
    pub manifest: Manifest,
    pub data: PlanData,
    pub files: Vec<StagedBlob>,
}

fn read_entry<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    path: &Path,
) -> Result<Vec<u8>, BundleError> {
    let mut entry = zip.by_name(name).map_err(|e| BundleError::Unreadable {
        path: path.to_path_buf(),
        reason: format!("{name}: {e}"),
    })?;
    let mut bytes = Vec::new();
    entry
        .read_to_end(&mut bytes)
        .map_err(|e| BundleError::Unreadable {
            path: path.to_path_buf(),
            reason: format!("{name}: {e}"),
        })?;
    Ok(bytes)
}

/// Reads and checks the bundle at `path`, staging its files in `store`'s file folder.
pub fn open_bundle(store: &Store, path: &Path) -> Result<OpenedBundle, BundleError> {
    let unreadable = |reason: String| BundleError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let file = File::open(path).map_err(|source| BundleError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut zip = ZipArchive::new(file).map_err(|e| unreadable(e.to_string()))?;
    let manifest: Manifest = serde_json::from_slice(&read_entry(&mut zip, MANIFEST, path)?)
        .map_err(|e| unreadable(format!("{MANIFEST}: {e}")))?;
    if manifest.format != BUNDLE_FORMAT {
        return Err(unreadable(format!("it says it is {:?}", manifest.format)));
    }
    if manifest.version > BUNDLE_VERSION {
        return Err(BundleError::Newer {
            path: path.to_path_buf(),
            found: manifest.version,
        });
    }
    let altered = |what: String| BundleError::Altered {
        path: path.to_path_buf(),
        what,
    };
    let json = read_entry(&mut zip, DATA, path)?;
    if hex(&Sha256::digest(&json)) != manifest.data_sha256 {
        return Err(altered("the plan data does not match its checksum".into()));
    }
    let data: PlanData =
        serde_json::from_slice(&json).map_err(|e| unreadable(format!("{DATA}: {e}")))?;
    if data.plan.gid.to_string() != manifest.plan_gid {
        return Err(altered("the manifest names another plan".into()));
    }
    let listed: std::collections::HashSet<&str> =
        manifest.files.iter().map(|f| f.sha256.as_str()).collect();
    if let Some(missing) = data
        .file_hashes()
        .iter()
        .find(|s| !listed.contains(s.as_str()))
    {
        return Err(altered(format!(
            "evidence file {missing} is not in the manifest"
        )));
    }
    let mut files = Vec::with_capacity(manifest.files.len());
    for f in &manifest.files {
        let name = format!("files/{}", f.sha256);
        let entry = zip
            .by_name(&name)
            .map_err(|e| unreadable(format!("{name}: {e}")))?;
        let staged = store.stage_blob(entry, path).map_err(|e| match e {
            StoreError::Io { source, .. } => unreadable(format!("{name}: {source}")),
            other => BundleError::Store(other),
        })?;
        if staged.sha256 != f.sha256 || staged.size != f.size {
            return Err(altered(format!(
                "evidence file {} does not match its checksum",
                f.sha256
            )));
        }
        files.push(staged);
    }
    Ok(OpenedBundle {
        manifest,
        data,
        files,
    })
}
