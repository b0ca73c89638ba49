//! What a plan probes: the shop's URLs and mail domain, plus how to reach them before the DNS
//! switch (host→IP pins, extra CA certificates, custom ports) and staging credentials.
//!
//! Endpoints are plain data saved with a plan; credentials are not: [`BasicAuth`] has no
//! `Serialize`, is skipped by serde in [`Endpoints`] and prints redacted in `Debug`.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;

use reqwest::Url;
use serde::{Deserialize, Serialize};

use super::{CheckId, ProbeError};

/// The endpoints of one plan. Every field is optional; checks without a target are skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Endpoints {
    /// Storefront URLs (one per store or locale), `https://…`.
    pub storefronts: Vec<String>,
    pub backoffice: Option<String>,
    pub merchant_portal: Option<String>,
    pub api: Option<String>,
    /// The backend gateway, which should answer 403 to a browser.
    pub gateway: Option<String>,
    /// The domain mail is sent from (SPF, DMARC, DKIM, MX).
    pub mail_domain: Option<String>,
    pub dkim_selectors: Vec<String>,
    /// Host→IP pins, like `curl --resolve HOST:PORT:IP`.
    pub pins: Vec<Pin>,
    /// Extra CA certificates (PEM files) trusted on top of the system roots.
    pub ca_files: Vec<PathBuf>,
    /// Port of plain HTTP for the HTTPS-redirect check (default 80).
    pub http_port: Option<u16>,
    /// Sitemap path (default `/sitemap.xml`).
    pub sitemap_path: Option<String>,
    /// DNS server to ask instead of the system's, `IP:port`.
    pub nameserver: Option<SocketAddr>,
    /// Staging credentials for this run only; never serialised.
    #[serde(skip)]
    pub credentials: Vec<BasicAuth>,
}

/// The role of a web endpoint; decides which checks apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndpointKind {
    Storefront,
    Backoffice,
    MerchantPortal,
    Api,
    Gateway,
}

impl EndpointKind {
    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            EndpointKind::Storefront => "Storefront",
            EndpointKind::Backoffice => "Back office",
            EndpointKind::MerchantPortal => "Merchant portal",
            EndpointKind::Api => "API",
            EndpointKind::Gateway => "Backend gateway",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EndpointKind::Storefront => "storefront",
            EndpointKind::Backoffice => "backoffice",
            EndpointKind::MerchantPortal => "merchant-portal",
            EndpointKind::Api => "api",
            EndpointKind::Gateway => "gateway",
        }
    }
}

/// Where a result belongs among a plan's endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Under one of the web endpoints.
    Web { kind: EndpointKind, url: Url },
    /// Under the mail domain (SPF, DMARC, DKIM, MX).
    Mail,
    /// Under none (a host no endpoint names).
    Other,
}

/// The host a target names: a URL's, or that of `host:port` or a bare domain (TLS and mail
/// checks name those), normalised as the endpoints' own URLs are.
fn target_host(target: &str) -> Option<String> {
    Url::parse(target)
        .ok()
        .filter(Url::has_host)
        .or_else(|| Url::parse(&format!("https://{target}")).ok())
        .and_then(|u| u.host_str().map(str::to_string))
}

impl Endpoints {
    /// Where a check's result on `target` belongs: under the first web endpoint with the same
    /// URL, else the same host; mail checks under the mail domain.
    pub fn place(&self, check: CheckId, target: &str) -> Placement {
        if matches!(
            check,
            CheckId::Spf | CheckId::Dmarc | CheckId::Dkim | CheckId::Mx
        ) {
            return Placement::Mail;
        }
        let web = self.web().unwrap_or_default();
        let host = target_host(target);
        web.iter()
            .find(|(_, u)| u.as_str() == target)
            .or_else(|| {
                web.iter()
                    .find(|(_, u)| host.is_some() && u.host_str() == host.as_deref())
            })
            .map_or(Placement::Other, |(kind, url)| Placement::Web {
                kind: *kind,
                url: url.clone(),
            })
    }

    /// One line for the history: what is probed, without pins or files.
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.storefronts.is_empty() {
            parts.push(format!("storefront {}", self.storefronts.join(", ")));
        }
        for (name, value) in [
            ("back office", &self.backoffice),
            ("merchant portal", &self.merchant_portal),
            ("API", &self.api),
            ("gateway", &self.gateway),
            ("mail domain", &self.mail_domain),
        ] {
            if let Some(v) = value {
                parts.push(format!("{name} {v}"));
            }
        }
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join("; ")
        }
    }

    /// The web endpoints with their role, parsed. A URL without a scheme gets `https://`.
    pub fn web(&self) -> Result<Vec<(EndpointKind, Url)>, ProbeError> {
        let mut out = Vec::new();
        for s in &self.storefronts {
            out.push((EndpointKind::Storefront, parse_url(s)?));
        }
        let singles = [
            (EndpointKind::Backoffice, &self.backoffice),
            (EndpointKind::MerchantPortal, &self.merchant_portal),
            (EndpointKind::Api, &self.api),
            (EndpointKind::Gateway, &self.gateway),
        ];
        for (kind, value) in singles {
            if let Some(s) = value {
                out.push((kind, parse_url(s)?));
            }
        }
        Ok(out)
    }

    /// Checks every field without touching the network; call before saving.
    pub fn validate(&self) -> Result<(), ProbeError> {
        self.web()?;
        if let Some(d) = &self.mail_domain {
            validate_domain(d)?;
        }
        for s in &self.dkim_selectors {
            if s.trim().is_empty() || s.contains(|c: char| c.is_whitespace() || c == '/') {
                return Err(ProbeError::InvalidSelector(s.clone()));
            }
        }
        if let Some(p) = &self.sitemap_path
            && !p.starts_with('/')
        {
            return Err(ProbeError::InvalidPath(p.clone()));
        }
        Ok(())
    }

    /// The pin for `host:port`, if any (a pin with port 0 applies to every port).
    pub fn pin_for(&self, host: &str, port: u16) -> Option<IpAddr> {
        self.pins
            .iter()
            .find(|p| p.host.eq_ignore_ascii_case(host) && (p.port == port || p.port == 0))
            .map(|p| p.ip)
    }

    /// The credentials bound to the origin of `url`, if any.
    pub fn credentials_for(&self, url: &Url) -> Option<&BasicAuth> {
        self.credentials.iter().find(|c| c.matches(url))
    }
}

/// Parses an endpoint URL; bare host names get `https://`.
pub fn parse_url(text: &str) -> Result<Url, ProbeError> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("https://{text}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| ProbeError::InvalidUrl {
        url: text.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(ProbeError::InvalidUrl {
            url: text.to_string(),
            reason: "only http:// and https:// URLs with a host can be probed".into(),
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ProbeError::InvalidUrl {
            url: "(URL with credentials, redacted)".into(),
            reason: "give the staging login separately, not in the URL".into(),
        });
    }
    Ok(url)
}

fn validate_domain(d: &str) -> Result<(), ProbeError> {
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(ProbeError::InvalidDomain(d.to_string()))
    }
}

/// A host→IP pin, `HOST:PORT:IP` like curl's `--resolve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    pub host: String,
    pub port: u16,
    pub ip: IpAddr,
}

impl FromStr for Pin {
    type Err = ProbeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ProbeError::InvalidPin(s.to_string());
        let mut parts = s.splitn(3, ':');
        let host = parts.next().filter(|h| !h.is_empty()).ok_or_else(bad)?;
        let port = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let ip_text = parts.next().ok_or_else(bad)?;
        let ip = ip_text
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| bad())?;
        Ok(Pin {
            host: host.to_ascii_lowercase(),
            port,
            ip,
        })
    }
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ip {
            IpAddr::V6(ip) => write!(f, "{}:{}:[{ip}]", self.host, self.port),
            IpAddr::V4(ip) => write!(f, "{}:{}:{ip}", self.host, self.port),
        }
    }
}

/// Basic-auth credentials bound to one origin (scheme, host, port). They are sent only to
/// that origin, so a redirect elsewhere drops them.
#[derive(Clone)]
pub struct BasicAuth {
    origin: reqwest::Url,
    user: String,
    password: String,
}

impl BasicAuth {
    /// Binds credentials to the origin of `url`.
    pub fn new(url: &str, user: &str, password: &str) -> Result<BasicAuth, ProbeError> {
        let mut origin = parse_url(url)?;
        origin.set_path("/");
        origin.set_query(None);
        origin.set_fragment(None);
        Ok(BasicAuth {
            origin,
            user: user.to_string(),
            password: password.to_string(),
        })
    }

    /// True when `url` has exactly this origin.
    pub fn matches(&self, url: &Url) -> bool {
        url.scheme() == self.origin.scheme()
            && url.host_str().map(str::to_ascii_lowercase)
                == self.origin.host_str().map(str::to_ascii_lowercase)
            && url.port_or_known_default() == self.origin.port_or_known_default()
    }

    pub fn origin(&self) -> String {
        self.origin.origin().ascii_serialization()
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub(crate) fn password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicAuth")
            .field("origin", &self.origin())
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl PartialEq for BasicAuth {
    fn eq(&self, other: &Self) -> bool {
        self.origin == other.origin && self.user == other.user
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_parse_like_curl_resolve() {
        let p: Pin = "Shop.example.com:443:127.0.0.1".parse().unwrap();
        assert_eq!(p.host, "shop.example.com");
        assert_eq!(p.port, 443);
        assert_eq!(p.to_string(), "shop.example.com:443:127.0.0.1");
        let v6: Pin = "h:8443:[::1]".parse().unwrap();
        assert_eq!(v6.ip, "::1".parse::<IpAddr>().unwrap());
        assert!("h:notaport:1.2.3.4".parse::<Pin>().is_err());
        assert!("h:443".parse::<Pin>().is_err());
        assert!(":443:1.2.3.4".parse::<Pin>().is_err());
    }

    #[test]
    fn credentials_are_bound_to_their_origin_and_never_serialised() {
        let auth = BasicAuth::new("https://stage.example.com/de/", "bob", "s3cret").unwrap();
        assert!(auth.matches(&Url::parse("https://stage.example.com:443/x").unwrap()));
        assert!(!auth.matches(&Url::parse("http://stage.example.com/x").unwrap()));
        assert!(!auth.matches(&Url::parse("https://stage.example.com:8443/").unwrap()));
        assert!(!auth.matches(&Url::parse("https://evil.example.com/").unwrap()));
        let e = Endpoints {
            storefronts: vec!["https://stage.example.com".into()],
            credentials: vec![auth],
            ..Endpoints::default()
        };
        let json = serde_json::to_string(&e).unwrap();
        assert!(!json.contains("s3cret") && !json.contains("bob"), "{json}");
        let debug = format!("{e:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("<redacted>"));
    }

    #[test]
    fn urls_are_validated() {
        assert_eq!(
            parse_url("shop.example.com").unwrap().as_str(),
            "https://shop.example.com/"
        );
        assert!(parse_url("ftp://x").is_err());
        let err = parse_url("https://u:pw@x.example").unwrap_err();
        assert!(!err.to_string().contains("pw@"));
        let bad = Endpoints {
            mail_domain: Some("bad domain".into()),
            ..Endpoints::default()
        };
        assert_eq!(
            bad.validate().unwrap_err().kind().as_str(),
            "invalid-domain"
        );
    }

    #[test]
    fn hosts_of_targets() {
        let host = |t| target_host(t).unwrap_or_default();
        assert_eq!(host("https://Shop.example.com:8443/x"), "shop.example.com");
        assert_eq!(host("shop.example.com:443"), "shop.example.com");
        assert_eq!(host("Shop.Example.com"), "shop.example.com");
        assert_eq!(host("http://[::1]:80/"), "[::1]");
        assert_eq!(host("127.0.0.1:8443"), "127.0.0.1");
    }

    #[test]
    fn results_go_under_the_endpoint_of_their_host() {
        let endpoints = Endpoints {
            storefronts: vec!["https://shop.example.com/".into()],
            backoffice: Some("https://admin.example.com/".into()),
            mail_domain: Some("example.com".into()),
            ..Endpoints::default()
        };
        let web = |kind, url: &str| Placement::Web {
            kind,
            url: Url::parse(url).unwrap(),
        };
        assert_eq!(
            endpoints.place(CheckId::TlsExpiry, "admin.example.com:443"),
            web(EndpointKind::Backoffice, "https://admin.example.com/")
        );
        assert_eq!(
            endpoints.place(CheckId::Hsts, "https://shop.example.com/"),
            web(EndpointKind::Storefront, "https://shop.example.com/")
        );
        assert_eq!(
            endpoints.place(CheckId::Spf, "example.com"),
            Placement::Mail
        );
        assert_eq!(
            endpoints.place(CheckId::Dns, "other.example.org"),
            Placement::Other
        );
    }
}
