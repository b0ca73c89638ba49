//! The redirect map: a CSV of old URL → expected new URL (optional status), validated with
//! line numbers, checked in bulk against the live site.
//!
//! Each old URL is requested once without following redirects; the first answer must be
//! 301/308 (or the status the row names) to the expected URL.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use reqwest::Url;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::net::{FetchOptions, Http};
use super::{CheckId, Judgement, ProbeError, ProbeResult, Verdict};

/// One row of the map.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RedirectEntry {
    pub line: usize,
    pub old: Url,
    pub expected: Url,
    /// The status the row asks for; `None` accepts 301 or 308.
    pub status: Option<u16>,
}

/// A parsed redirect map.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RedirectMap {
    pub entries: Vec<RedirectEntry>,
}

/// At most this many problems are listed when a map is invalid.
const MAX_LISTED: usize = 20;

impl RedirectMap {
    pub fn load(path: &Path) -> Result<RedirectMap, ProbeError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProbeError::MapRead {
            path: path.to_path_buf(),
            source,
        })?;
        RedirectMap::parse(&text)
    }

    /// Parses `old_url,expected_url[,status]` rows; a first row naming the columns is skipped.
    /// Every bad row is reported with its line number.
    pub fn parse(text: &str) -> Result<RedirectMap, ProbeError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for (index, row) in reader.records().enumerate() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| line_at(text, p.byte()))
                        .unwrap_or(index + 1);
                    problems.push(format!("line {line}: {e}"));
                    continue;
                }
            };
            let line = row
                .position()
                .map(|p| line_at(text, p.byte()))
                .unwrap_or(index + 1);
            let old_text = row.get(0).unwrap_or("");
            if index == 0 && !old_text.contains("://") && !old_text.is_empty() {
                continue; // header row
            }
            if row.iter().all(str::is_empty) {
                continue;
            }
            if row.len() < 2 || row.len() > 3 {
                problems.push(format!(
                    "line {line}: expected 2 or 3 columns (old URL, expected URL, status), found {}",
                    row.len()
                ));
                continue;
            }
            let old = match Url::parse(old_text) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => u,
                _ => {
                    problems.push(format!(
                        "line {line}: old URL {old_text:?} is not an absolute http(s) URL"
                    ));
                    continue;
                }
            };
            let expected_text = row.get(1).unwrap_or("");
            let expected = match old.join(expected_text) {
                Ok(u) if !expected_text.is_empty() => u,
                _ => {
                    problems.push(format!(
                        "line {line}: expected URL {expected_text:?} is not a URL"
                    ));
                    continue;
                }
            };
            let status = match row.get(2).filter(|s| !s.is_empty()) {
                None => None,
                Some(s) => match s.parse::<u16>() {
                    Ok(n) if (300..400).contains(&n) => Some(n),
                    _ => {
                        problems.push(format!(
                            "line {line}: status {s:?} is not a redirect status (301, 302, 307, 308)"
                        ));
                        continue;
                    }
                },
            };
            entries.push(RedirectEntry {
                line,
                old,
                expected,
                status,
            });
        }
        if !problems.is_empty() {
            let total = problems.len();
            problems.truncate(MAX_LISTED);
            if total > MAX_LISTED {
                problems.push(format!("… and {} more", total - MAX_LISTED));
            }
            return Err(ProbeError::MapInvalid(problems));
        }
        if entries.is_empty() {
            return Err(ProbeError::MapInvalid(vec![
                "it has no rows; write `old URL,expected URL[,status]` per line".into(),
            ]));
        }
        Ok(RedirectMap { entries })
    }
}

/// The 1-based line of the record starting at a byte offset. csv reports where it began
/// reading, before any blank or comment lines it skipped, so those are stepped over.
fn line_at(text: &str, byte: u64) -> usize {
    let end = (byte as usize).min(text.len());
    let mut line = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1;
    for l in text[end..].lines() {
        let t = l.trim();
        if !t.is_empty() && !t.starts_with('#') {
            break;
        }
        line += 1;
    }
    line
}

/// Judges one answer against its row.
pub fn judge_redirect(entry: &RedirectEntry, status: u16, location: Option<&str>) -> Judgement {
    let found = location.and_then(|l| entry.old.join(l).ok());
    let status_ok = match entry.status {
        Some(s) => status == s,
        None => status == 301 || status == 308,
    };
    let wanted_status = entry
        .status
        .map(|s| s.to_string())
        .unwrap_or_else(|| "301/308".into());
    let found_text = found
        .as_ref()
        .map(|u| u.to_string())
        .unwrap_or_else(|| "no Location".into());
    let j = if status_ok && found.as_ref() == Some(&entry.expected) {
        Judgement::pass(format!("{status} → {}", entry.expected))
    } else {
        Judgement::fail(format!(
            "line {}: answered {status} → {found_text} instead of {wanted_status} → {}",
            entry.line, entry.expected
        ))
    };
    j.with("status", status)
        .with("location", found.map(|u| u.to_string()))
        .with("expected", entry.expected.to_string())
        .with("line", entry.line)
}

/// Checks every row with bounded concurrency; results come back in map order. Rows not
/// checked because of cancellation are left out.
pub async fn check_redirects(
    http: &Http,
    map: &RedirectMap,
    cancel: &CancellationToken,
) -> Vec<ProbeResult> {
    let limit = Arc::new(Semaphore::new(http.settings().concurrency.max(1)));
    let mut set = JoinSet::new();
    let opts = FetchOptions {
        follow: false,
        // Reading the (small) redirect body keeps the connection reusable.
        read_body: true,
        with_credentials: true,
        method_head: false,
    };
    for (i, entry) in map.entries.iter().enumerate() {
        let permit = tokio::select! {
            p = limit.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = cancel.cancelled() => break,
        };
        let http = http.clone();
        let entry = entry.clone();
        set.spawn(async move {
            let started_at = Utc::now();
            let clock = Instant::now();
            let judgement = match http.fetch(&entry.old, opts).await {
                Ok(f) => {
                    let hop = f.first();
                    judge_redirect(&entry, hop.status.as_u16(), hop.location.as_deref())
                }
                Err(e) => Judgement::error(format!("line {}: {e}", entry.line)),
            };
            drop(permit);
            let ms = clock.elapsed().as_millis() as u64;
            (
                i,
                ProbeResult::new(
                    CheckId::RedirectMap,
                    entry.old.as_str(),
                    judgement,
                    started_at,
                    ms,
                ),
            )
        });
    }
    let mut out = Vec::with_capacity(map.entries.len());
    loop {
        let next = tokio::select! {
            r = set.join_next() => r,
            _ = cancel.cancelled() => { set.abort_all(); None }
        };
        match next {
            Some(Ok(r)) => out.push(r),
            Some(Err(_)) => {}
            None => break,
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

/// One result for the whole map, for the plan's evidence: P when every row passed.
pub fn summarize(target: &str, results: &[ProbeResult]) -> Judgement {
    let count = |v| results.iter().filter(|r| r.verdict == v).count();
    let (pass, fail, error) = (
        count(Verdict::Pass),
        count(Verdict::Fail),
        count(Verdict::Error),
    );
    let j = if fail > 0 {
        Judgement::fail(format!(
            "{fail} of {} redirects do not match the map",
            results.len()
        ))
    } else if error > 0 {
        Judgement::error(format!(
            "{error} of {} redirects could not be checked",
            results.len()
        ))
    } else {
        Judgement::pass(format!("all {pass} redirects match the map"))
    };
    j.with("checked", results.len())
        .with("pass", pass)
        .with("fail", fail)
        .with("error", error)
        .with("map", target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_parse_with_headers_relative_targets_and_statuses() {
        let map = RedirectMap::parse(
            "old_url,new_url,status\nhttps://old.test/a,https://new.test/a\n\n# comment\nhttps://old.test/b,/b-new,308\n",
        )
        .unwrap();
        assert_eq!(map.entries.len(), 2);
        assert_eq!(map.entries[0].line, 2);
        assert_eq!(map.entries[1].expected.as_str(), "https://old.test/b-new");
        assert_eq!(map.entries[1].status, Some(308));
        assert_eq!(map.entries[1].line, 5);
    }

    #[test]
    fn bad_rows_are_reported_with_line_numbers() {
        let err = RedirectMap::parse(
            "https://old.test/a,https://new.test/a\nnot a url,https://x.test/\nhttps://old.test/c,https://n.test/,200\nhttps://old.test/d\n",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("line 2:"), "{text}");
        assert!(
            text.contains("line 3:") && text.contains("\"200\""),
            "{text}"
        );
        assert!(
            text.contains("line 4:") && text.contains("found 1"),
            "{text}"
        );
        assert_eq!(err.kind().as_str(), "map-invalid");
        assert_eq!(
            RedirectMap::parse("").unwrap_err().kind().as_str(),
            "map-invalid"
        );
    }

    #[test]
    fn mismatches_say_what_was_found() {
        let map = RedirectMap::parse("https://old.test/a,https://new.test/a\n").unwrap();
        let e = &map.entries[0];
        assert_eq!(
            judge_redirect(e, 301, Some("https://new.test/a")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_redirect(e, 308, Some("https://new.test/a")).verdict,
            Verdict::Pass
        );
        let wrong = judge_redirect(e, 302, Some("/elsewhere"));
        assert_eq!(wrong.verdict, Verdict::Fail);
        assert!(
            wrong.finding.contains(
                "302 → https://old.test/elsewhere instead of 301/308 → https://new.test/a"
            ),
            "{}",
            wrong.finding
        );
        assert_eq!(judge_redirect(e, 200, None).verdict, Verdict::Fail);
    }
}
