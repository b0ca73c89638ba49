//! SEO checks judged from fetched files: robots.txt, homepage (title, description, noindex,
//! canonical), sitemap and favicon.
//!
//! Pure judges; the HTML reading is a tolerant tag scan (title, meta, link), not a full HTML
//! parser, which is all these rules need.

use reqwest::Url;
use reqwest::header;

use super::Judgement;
use super::net::{Fetched, header_str};

/// What robots.txt says about all agents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Robots {
    pub blocks_all: bool,
    pub sitemaps: Vec<String>,
    pub groups: usize,
}

/// Parses robots.txt; `None` when it is not text.
pub fn parse_robots(body: &[u8]) -> Option<Robots> {
    let text = std::str::from_utf8(body).ok()?;
    if text.contains('\0') || text.trim_start().starts_with('<') {
        return None;
    }
    let mut robots = Robots::default();
    let mut agents: Vec<String> = Vec::new();
    let mut in_rules = false;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "user-agent" => {
                if in_rules {
                    agents.clear();
                    in_rules = false;
                }
                if agents.is_empty() {
                    robots.groups += 1;
                }
                agents.push(value.to_string());
            }
            "disallow" | "allow" => {
                in_rules = true;
                if key == "disallow" && value == "/" && agents.iter().any(|a| a == "*") {
                    robots.blocks_all = true;
                }
            }
            "sitemap" => robots.sitemaps.push(value.to_string()),
            _ => {}
        }
    }
    Some(robots)
}

/// F on 4xx/5xx or unparsable; `Disallow: /` for all agents is F in production (launch day
/// reached) and W before.
pub fn judge_robots(fetched: &Fetched, production: bool) -> Judgement {
    let last = fetched.last();
    let code = last.status.as_u16();
    if !last.status.is_success() {
        return Judgement::fail(format!("robots.txt answers {code}")).with("status", code);
    }
    let Some(robots) = parse_robots(&fetched.body) else {
        return Judgement::fail("robots.txt is not a plain-text robots file").with("status", code);
    };
    let j = match (robots.blocks_all, production) {
        (true, true) => {
            Judgement::fail("robots.txt blocks every crawler (Disallow: / for *) in production")
        }
        (true, false) => Judgement::warn(
            "robots.txt blocks every crawler (Disallow: / for *); fine for staging, remove it before launch",
        ),
        (false, _) => Judgement::pass(format!(
            "robots.txt allows crawling ({} group(s), {} sitemap line(s))",
            robots.groups,
            robots.sitemaps.len()
        )),
    };
    j.with("status", code)
        .with("blocks_all", robots.blocks_all)
        .with("sitemaps", robots.sitemaps)
}

/// The SEO facts of a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageSeo {
    pub title: Option<String>,
    pub description: Option<String>,
    pub robots: Option<String>,
    pub canonical: Option<String>,
}

fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes = tag.as_bytes();
    let mut i = 0;
    // Skip the tag name.
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b' ' | b'\t' | b'\n' | b'\r' | b'/') {
            i += 1;
        }
        let name = tag[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                i += 1;
                let vs = i;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                value = tag[vs..i].to_string();
                i += 1;
            } else {
                let vs = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = tag[vs..i].to_string();
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Scans the `<head>` of an HTML page for title, meta description/robots and canonical.
pub fn parse_page(html: &str) -> PageSeo {
    let mut seo = PageSeo::default();
    let lower = html.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(off) = lower[pos..].find('<') {
        let start = pos + off + 1;
        let Some(end_off) = lower[start..].find('>') else {
            break;
        };
        let end = start + end_off;
        let tag = &html[start..end];
        let name = lower[start..end]
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match name {
            "title" if seo.title.is_none() => {
                let close = lower[end..]
                    .find("</title")
                    .map(|c| end + c)
                    .unwrap_or(end + 1);
                let text = html[end + 1..close.max(end + 1)].trim().to_string();
                seo.title = Some(text);
            }
            "meta" => {
                let a = attributes(tag);
                let content = attr(&a, "content").unwrap_or("").trim().to_string();
                match attr(&a, "name").map(str::to_ascii_lowercase).as_deref() {
                    Some("description") => seo.description = Some(content),
                    Some("robots") => seo.robots = Some(content),
                    _ => {}
                }
            }
            "link" => {
                let a = attributes(tag);
                if attr(&a, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    seo.canonical = Some(attr(&a, "href").unwrap_or("").to_string());
                }
            }
            "/head" | "body" => break,
            _ => {}
        }
        pos = end + 1;
    }
    seo
}

/// F on 4xx/5xx, noindex (meta or `X-Robots-Tag`), invalid canonical, missing title or
/// meta description.
pub fn judge_homepage(fetched: &Fetched) -> Judgement {
    let last = fetched.last();
    let code = last.status.as_u16();
    if !last.status.is_success() {
        return Judgement::fail(format!("homepage answers {code}")).with("status", code);
    }
    let html = String::from_utf8_lossy(&fetched.body);
    let seo = parse_page(&html);
    let x_robots = header_str(
        &last.headers,
        header::HeaderName::from_static("x-robots-tag"),
    );
    let mut problems = Vec::new();
    if x_robots.to_ascii_lowercase().contains("noindex") {
        problems.push("X-Robots-Tag says noindex".to_string());
    }
    if seo
        .robots
        .as_deref()
        .is_some_and(|r| r.to_ascii_lowercase().contains("noindex"))
    {
        problems.push("meta robots says noindex".to_string());
    }
    if seo.title.as_deref().is_none_or(str::is_empty) {
        problems.push("no <title>".to_string());
    }
    if seo.description.as_deref().is_none_or(str::is_empty) {
        problems.push("no meta description".to_string());
    }
    if let Some(c) = &seo.canonical {
        let ok =
            last.url.join(c).ok().is_some_and(|u: Url| {
                matches!(u.scheme(), "http" | "https") && !c.trim().is_empty()
            });
        if !ok {
            problems.push(format!("invalid canonical {c:?}"));
        }
    }
    let j = if problems.is_empty() {
        Judgement::pass(format!(
            "homepage has a title, a description and is indexable ({:?})",
            seo.title.clone().unwrap_or_default()
        ))
    } else {
        Judgement::fail(format!("homepage: {}", problems.join("; ")))
    };
    j.with("status", code)
        .with("title", seo.title)
        .with("description", seo.description)
        .with("canonical", seo.canonical)
}

/// True when `body` is well-formed XML whose root is `urlset` or `sitemapindex`.
pub fn is_sitemap(body: &[u8]) -> Result<usize, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(body);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut root: Option<String> = None;
    let mut locs = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name().into_inner().to_string();
                if name == "loc" {
                    locs += 1;
                }
                root.get_or_insert(name);
            }
            Ok(Event::Empty(e)) => {
                root.get_or_insert(e.local_name().into_inner().to_string());
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("not well-formed XML: {e}")),
        }
        buf.clear();
    }
    match root.as_deref() {
        Some("urlset") | Some("sitemapindex") => Ok(locs),
        Some(other) => Err(format!(
            "root element is <{other}>, not <urlset> or <sitemapindex>"
        )),
        None => Err("empty document".into()),
    }
}

/// P when the sitemap answers 200 with an XML type and parses.
pub fn judge_sitemap(fetched: &Fetched) -> Judgement {
    let last = fetched.last();
    let code = last.status.as_u16();
    let ctype = fetched.content_type();
    let j = if code != 200 {
        Judgement::fail(format!("sitemap answers {code}"))
    } else if !ctype.contains("xml") {
        Judgement::fail(format!("sitemap is served as {ctype:?}, not as XML"))
    } else {
        match is_sitemap(&fetched.body) {
            Ok(n) => {
                Judgement::pass(format!("sitemap parses ({n} <loc> entries)")).with("entries", n)
            }
            Err(e) => Judgement::fail(format!("sitemap is invalid: {e}")),
        }
    };
    j.with("status", code).with("content_type", ctype)
}

/// P when the favicon answers 200 with an image type.
pub fn judge_favicon(fetched: &Fetched) -> Judgement {
    let code = fetched.last().status.as_u16();
    let ctype = fetched.content_type();
    let j = if code != 200 {
        Judgement::fail(format!("favicon answers {code}"))
    } else if !ctype.starts_with("image/") {
        Judgement::fail(format!("favicon is served as {ctype:?}, not as an image"))
    } else {
        Judgement::pass(format!("favicon is served ({ctype})"))
    };
    j.with("status", code).with("content_type", ctype)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Verdict;
    use crate::probe::net::Hop;
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn fetched(code: u16, ctype: &str, body: &str) -> Fetched {
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_str(ctype).unwrap());
        Fetched {
            hops: vec![Hop {
                url: Url::parse("https://shop.test/").unwrap(),
                status: StatusCode::from_u16(code).unwrap(),
                location: None,
                headers: h,
            }],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn robots_blocking_all_agents_fails_in_production_only() {
        let block = "User-agent: Googlebot\nDisallow:\n\nUser-agent: *\nDisallow: /\n";
        assert_eq!(
            judge_robots(&fetched(200, "text/plain", block), true).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_robots(&fetched(200, "text/plain", block), false).verdict,
            Verdict::Warn
        );
        let ok = "User-agent: *\nDisallow: /checkout\nSitemap: https://shop.test/sitemap.xml\n";
        let j = judge_robots(&fetched(200, "text/plain", ok), true);
        assert_eq!(j.verdict, Verdict::Pass);
        assert_eq!(j.observed["sitemaps"][0], "https://shop.test/sitemap.xml");
        // Only one agent blocked: not all agents.
        let one = "User-agent: BadBot\nDisallow: /\n";
        assert_eq!(
            judge_robots(&fetched(200, "text/plain", one), true).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_robots(&fetched(404, "text/html", ""), true).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_robots(&fetched(200, "text/html", "<html>soft 404</html>"), true).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn homepage_needs_title_description_and_indexing() {
        let good = r#"<html><head><title>Shop</title>
            <meta name="description" content="Best shop">
            <link rel="canonical" href="https://shop.test/"></head><body></body></html>"#;
        assert_eq!(
            judge_homepage(&fetched(200, "text/html", good)).verdict,
            Verdict::Pass
        );
        let noindex = good.replace(
            "<title>",
            "<meta name='robots' content='noindex,follow'><title>",
        );
        let j = judge_homepage(&fetched(200, "text/html", &noindex));
        assert_eq!(j.verdict, Verdict::Fail);
        assert!(j.finding.contains("noindex"));
        let bare = "<html><head></head></html>";
        let j = judge_homepage(&fetched(200, "text/html", bare));
        assert!(j.finding.contains("no <title>") && j.finding.contains("no meta description"));
        let bad_canon = good.replace("https://shop.test/", "javascript:alert(1)");
        assert_eq!(
            judge_homepage(&fetched(200, "text/html", &bad_canon)).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_homepage(&fetched(500, "text/html", good)).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn sitemap_must_be_xml_urlset() {
        let xml = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://shop.test/</loc></url></urlset>"#;
        let j = judge_sitemap(&fetched(200, "application/xml", xml));
        assert_eq!(j.verdict, Verdict::Pass);
        assert_eq!(j.observed["entries"], 1);
        assert_eq!(
            judge_sitemap(&fetched(200, "text/html", xml)).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_sitemap(&fetched(200, "text/xml", "<urlset><url></urlset>")).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_favicon(&fetched(200, "image/x-icon", "")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_favicon(&fetched(200, "text/html", "")).verdict,
            Verdict::Fail
        );
    }
}
