//! HTTP checks judged from responses: HTTPS redirect, HSTS, security headers, cookie flags,
//! storefront access before/on launch day, back office authentication, backend gateway.
//!
//! Every function here is a pure judge over a response already fetched by [`super::net`];
//! the runner does the fetching.

use reqwest::StatusCode;
use reqwest::Url;
use reqwest::header::{self, HeaderMap};

use super::Judgement;
use super::net::{Fetched, Hop, header_str};

pub const HSTS_PASS: u64 = 31_536_000;
pub const HSTS_WARN: u64 = 15_552_000;

/// P when plain HTTP first answers 30x to HTTPS on the same host.
pub fn judge_https_redirect(http_url: &Url, first: &Hop) -> Judgement {
    let status = first.status.as_u16();
    let host = http_url.host_str().unwrap_or_default();
    let j = if !first.status.is_redirection() {
        Judgement::fail(format!(
            "{http_url} answers {status} instead of redirecting to HTTPS"
        ))
    } else {
        match first.location.as_deref().map(|l| http_url.join(l)) {
            Some(Ok(target))
                if target.scheme() == "https"
                    && target
                        .host_str()
                        .is_some_and(|h| h.eq_ignore_ascii_case(host)) =>
            {
                Judgement::pass(format!("{http_url} redirects ({status}) to {target}"))
            }
            Some(Ok(target)) => Judgement::fail(format!(
                "{http_url} redirects to {target}, not to HTTPS on the same host first"
            )),
            _ => Judgement::fail(format!(
                "{http_url} answers {status} without a valid Location"
            )),
        }
    };
    j.with("status", status)
        .with("location", first.location.clone().unwrap_or_default())
}

/// Reads `max-age` from a Strict-Transport-Security value.
pub fn hsts_max_age(value: &str) -> Option<u64> {
    value.split(';').find_map(|d| {
        let (k, v) = d.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| v.trim().trim_matches('"').parse().ok())
            .flatten()
    })
}

/// P max-age ≥ 1 year; W ≥ 180 days; F below or missing.
pub fn judge_hsts(headers: &HeaderMap) -> Judgement {
    let value = header_str(headers, header::STRICT_TRANSPORT_SECURITY);
    if value.is_empty() {
        return Judgement::fail("no Strict-Transport-Security header on the HTTPS answer");
    }
    let Some(age) = hsts_max_age(&value) else {
        return Judgement::fail(format!(
            "Strict-Transport-Security {value:?} has no valid max-age"
        ))
        .with("header", value);
    };
    let j = if age >= HSTS_PASS {
        Judgement::pass(format!("HSTS max-age {age} s (at least one year)"))
    } else if age >= HSTS_WARN {
        Judgement::warn(format!(
            "HSTS max-age {age} s is under one year; raise it to {HSTS_PASS}"
        ))
    } else {
        Judgement::fail(format!(
            "HSTS max-age {age} s is too short; use at least {HSTS_PASS}"
        ))
    };
    j.with("max_age", age).with("header", value)
}

/// nosniff, framing protection (X-Frame-Options or CSP frame-ancestors), CSP quality.
pub fn judge_headers(headers: &HeaderMap) -> Judgement {
    let nosniff = header_str(headers, header::X_CONTENT_TYPE_OPTIONS)
        .trim()
        .eq_ignore_ascii_case("nosniff");
    let xfo = header_str(headers, header::X_FRAME_OPTIONS)
        .trim()
        .to_ascii_uppercase();
    let csp = header_str(headers, header::CONTENT_SECURITY_POLICY);
    let frame_ancestors = csp
        .split(';')
        .any(|d| d.trim().to_ascii_lowercase().starts_with("frame-ancestors"));
    let framing = xfo == "DENY" || xfo == "SAMEORIGIN" || frame_ancestors;
    let unsafe_inline = csp.contains("'unsafe-inline'");
    let mut missing = Vec::new();
    if !nosniff {
        missing.push("X-Content-Type-Options: nosniff");
    }
    if !framing {
        missing.push("X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors");
    }
    let j = if !missing.is_empty() {
        Judgement::fail(format!("missing {}", missing.join(" and ")))
    } else if unsafe_inline {
        Judgement::warn("security headers set, but the CSP allows 'unsafe-inline'")
    } else {
        Judgement::pass("nosniff and framing protection are set")
    };
    j.with("nosniff", nosniff)
        .with("x_frame_options", xfo)
        .with("csp", csp)
}

/// One `Set-Cookie` header, reduced to what the rule needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieFlags {
    pub name: String,
    pub secure: bool,
    pub http_only: bool,
    pub persistent: bool,
}

pub fn parse_set_cookie(value: &str) -> Option<CookieFlags> {
    let mut parts = value.split(';');
    let (name, _) = parts.next()?.split_once('=')?;
    let mut c = CookieFlags {
        name: name.trim().to_string(),
        secure: false,
        http_only: false,
        persistent: false,
    };
    for attr in parts {
        let key = attr
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match key.as_str() {
            "secure" => c.secure = true,
            "httponly" => c.http_only = true,
            "expires" | "max-age" => c.persistent = true,
            _ => {}
        }
    }
    Some(c)
}

/// Session cookies: no expiry (a browser session cookie) or a name that says session.
pub fn is_session_cookie(c: &CookieFlags) -> bool {
    let n = c.name.to_ascii_lowercase();
    !c.persistent
        || ["sess", "sid", "phpsessid", "jsessionid", "auth", "token"]
            .iter()
            .any(|k| n.contains(k))
}

/// F when a session cookie lacks `Secure` or `HttpOnly`.
pub fn judge_cookies(fetched: &Fetched) -> Judgement {
    let cookies: Vec<CookieFlags> = fetched
        .hops
        .iter()
        .flat_map(|h| h.headers.get_all(header::SET_COOKIE).iter())
        .filter_map(|v| v.to_str().ok())
        .filter_map(parse_set_cookie)
        .collect();
    let names: Vec<String> = cookies.iter().map(|c| c.name.clone()).collect();
    let bad: Vec<String> = cookies
        .iter()
        .filter(|c| is_session_cookie(c) && !(c.secure && c.http_only))
        .map(|c| {
            let mut lacks = Vec::new();
            if !c.secure {
                lacks.push("Secure");
            }
            if !c.http_only {
                lacks.push("HttpOnly");
            }
            format!("{} (no {})", c.name, lacks.join(", no "))
        })
        .collect();
    let j = if !bad.is_empty() {
        Judgement::fail(format!("session cookie flags missing: {}", bad.join("; ")))
    } else if cookies.is_empty() {
        Judgement::pass("no cookies are set on the first visit")
    } else {
        Judgement::pass(format!(
            "{} cookie(s) set; session cookies are Secure and HttpOnly",
            cookies.len()
        ))
    };
    j.with("cookies", names)
}

/// Before launch day P on 401/403 (basic auth still on); from launch day F unless 200.
pub fn judge_storefront_access(status: StatusCode, launch_day_reached: bool) -> Judgement {
    let code = status.as_u16();
    let locked = code == 401 || code == 403;
    let j = match (launch_day_reached, locked, status.is_success()) {
        (false, true, _) => Judgement::pass(format!(
            "storefront is still protected ({code}) before launch day, as planned"
        )),
        (false, false, true) => Judgement::warn(format!(
            "storefront answers {code} without credentials before launch day; is basic auth off too early?"
        )),
        (false, false, false) => {
            Judgement::warn(format!("storefront answers {code} before launch day"))
        }
        (true, _, true) => Judgement::pass(format!("storefront is public ({code}) on launch day")),
        (true, true, _) => Judgement::fail(format!(
            "storefront still asks for credentials ({code}) on launch day; remove basic auth and deploy"
        )),
        (true, false, false) => Judgement::fail(format!(
            "storefront answers {code} without credentials on launch day"
        )),
    };
    j.with("status", code)
}

fn looks_like_login(url: &Url, body: &[u8]) -> bool {
    let path = url.path().to_ascii_lowercase();
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    path.contains("login")
        || path.contains("signin")
        || text.contains("type=\"password\"")
        || text.contains("type='password'")
        || text.contains("type=password")
}

/// P on 401/403 or a login page; F when content answers without authentication.
pub fn judge_backoffice(fetched: &Fetched) -> Judgement {
    let last = fetched.last();
    let code = last.status.as_u16();
    let j = if code == 401 || code == 403 {
        Judgement::pass(format!("back office asks for authentication ({code})"))
    } else if last.status.is_success() && looks_like_login(&last.url, &fetched.body) {
        Judgement::pass(format!("back office shows a login page at {}", last.url))
    } else if last.status.is_success() {
        Judgement::fail(format!(
            "back office content answers {code} at {} without authentication",
            last.url
        ))
    } else if last.status.is_server_error() {
        Judgement::error(format!(
            "back office answers {code}; cannot tell whether it is protected"
        ))
    } else {
        Judgement::warn(format!("back office answers {code}; check the URL"))
    };
    j.with("status", code)
        .with("final_url", last.url.to_string())
}

/// P on 403 to a browser request.
pub fn judge_gateway(first: &Hop) -> Judgement {
    let code = first.status.as_u16();
    let j = if code == 403 {
        Judgement::pass("backend gateway refuses browsers (403)")
    } else {
        Judgement::fail(format!(
            "backend gateway answers {code} to a browser; it should answer 403"
        ))
    };
    j.with("status", code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Verdict;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn hop(url: &str, status: u16, hdrs: HeaderMap) -> Hop {
        Hop {
            url: Url::parse(url).unwrap(),
            status: StatusCode::from_u16(status).unwrap(),
            location: hdrs
                .get("location")
                .map(|v| v.to_str().unwrap().to_string()),
            headers: hdrs,
        }
    }

    #[test]
    fn hsts_thresholds() {
        let j = |v: &str| judge_hsts(&headers(&[("strict-transport-security", v)]));
        assert_eq!(
            j("max-age=31536000; includeSubDomains").verdict,
            Verdict::Pass
        );
        assert_eq!(j("max-age=15552000").verdict, Verdict::Warn);
        assert_eq!(j("max-age=86400").verdict, Verdict::Fail);
        assert_eq!(j("includeSubDomains").verdict, Verdict::Fail);
        assert_eq!(judge_hsts(&HeaderMap::new()).verdict, Verdict::Fail);
        assert_eq!(j("max-age=\"63072000\"").observed["max_age"], 63072000);
    }

    #[test]
    fn security_headers_rules() {
        let good = headers(&[
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
        ]);
        assert_eq!(judge_headers(&good).verdict, Verdict::Pass);
        let csp = headers(&[
            ("x-content-type-options", "nosniff"),
            (
                "content-security-policy",
                "default-src 'self'; frame-ancestors 'none'",
            ),
        ]);
        assert_eq!(judge_headers(&csp).verdict, Verdict::Pass);
        let inline = headers(&[
            ("x-content-type-options", "nosniff"),
            (
                "content-security-policy",
                "script-src 'unsafe-inline'; frame-ancestors 'self'",
            ),
        ]);
        assert_eq!(judge_headers(&inline).verdict, Verdict::Warn);
        // X-XSS-Protection alone does not count for anything.
        let xss = headers(&[("x-xss-protection", "1; mode=block")]);
        assert_eq!(judge_headers(&xss).verdict, Verdict::Fail);
    }

    #[test]
    fn session_cookies_need_secure_and_httponly() {
        let f = |v: &str| Fetched {
            hops: vec![hop("https://s.test/", 200, headers(&[("set-cookie", v)]))],
            body: vec![],
        };
        assert_eq!(
            judge_cookies(&f("PHPSESSID=a; Path=/; Secure; HttpOnly")).verdict,
            Verdict::Pass
        );
        let bad = judge_cookies(&f("PHPSESSID=a; Path=/; HttpOnly"));
        assert_eq!(bad.verdict, Verdict::Fail);
        assert!(bad.finding.contains("no Secure"), "{}", bad.finding);
        // A persistent, non-session preference cookie may lack the flags.
        assert_eq!(
            judge_cookies(&f("currency=EUR; Max-Age=86400")).verdict,
            Verdict::Pass
        );
    }

    #[test]
    fn storefront_access_flips_on_launch_day() {
        let s = |c| StatusCode::from_u16(c).unwrap();
        assert_eq!(
            judge_storefront_access(s(401), false).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_storefront_access(s(200), false).verdict,
            Verdict::Warn
        );
        assert_eq!(judge_storefront_access(s(401), true).verdict, Verdict::Fail);
        assert_eq!(judge_storefront_access(s(200), true).verdict, Verdict::Pass);
    }

    #[test]
    fn https_redirect_must_stay_on_the_host() {
        let http = Url::parse("http://shop.test/").unwrap();
        let to = |loc: &str, code| hop("http://shop.test/", code, headers(&[("location", loc)]));
        assert_eq!(
            judge_https_redirect(&http, &to("https://shop.test/", 301)).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_https_redirect(&http, &to("https://www.shop.test/", 301)).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_https_redirect(&http, &hop("http://shop.test/", 200, HeaderMap::new())).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn back_office_login_page_counts_as_protected() {
        let page = |url: &str, code, body: &str| Fetched {
            hops: vec![hop(url, code, HeaderMap::new())],
            body: body.as_bytes().to_vec(),
        };
        assert_eq!(
            judge_backoffice(&page("https://bo.test/", 401, "")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_backoffice(&page("https://bo.test/security-gui/login", 200, "<form>")).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_backoffice(&page("https://bo.test/", 200, "<h1>Orders</h1>")).verdict,
            Verdict::Fail
        );
        assert_eq!(
            judge_gateway(&hop("https://gw.test/", 403, HeaderMap::new())).verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_gateway(&hop("https://gw.test/", 200, HeaderMap::new())).verdict,
            Verdict::Fail
        );
    }
}
