//! Staging logins (basic auth) remembered between runs in the OS keyring: the Secret Service
//! on Linux (GNOME Keyring, KWallet), Keychain on macOS, Credential Manager on Windows. One
//! entry per origin, so a login is found again for every plan that probes that origin.
//!
//! Never the database, never a file of ours. Where a login may be sent is decided by
//! [`BasicAuth`], not here. Without a keyring the caller asks for the password at each run.

use crate::error::ErrorKind;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ProbeError;
use super::endpoints::{BasicAuth, Endpoints, parse_url};

/// The keyring service name; the entry's account is the origin, e.g. `https://stage.example.com`.
const SERVICE: &str = "GoLive Planner staging login";

/// Why the keyring could not help.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    #[error("no OS keyring is available ({0}); give the staging login with each run instead")]
    Unavailable(String),
    #[error("the OS keyring refused the request: {0}")]
    Failed(String),
    #[error(
        "the keyring entry for {0} is not a GoLive Planner login; forget the plan's saved login and save it again"
    )]
    Unreadable(String),
    #[error(transparent)]
    Endpoint(#[from] ProbeError),
}

impl KeyringError {
    /// A stable code the desktop UI branches on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            KeyringError::Unavailable(_) => ErrorKind::KeyringUnavailable,
            KeyringError::Failed(_) => ErrorKind::KeyringFailed,
            KeyringError::Unreadable(_) => ErrorKind::KeyringUnreadable,
            KeyringError::Endpoint(e) => e.kind(),
        }
    }
}

/// What one keyring entry holds.
#[derive(Serialize, Deserialize)]
struct Stored {
    user: String,
    password: String,
}

/// The origins a plan's staging login applies to: every web endpoint's, once each, in order.
pub fn origins(endpoints: &Endpoints) -> Result<Vec<String>, ProbeError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (_, url) in endpoints.web()? {
        let origin = url.origin().ascii_serialization();
        if seen.insert(origin.clone()) {
            out.push(origin);
        }
    }
    Ok(out)
}

/// The same login for each of `origins`, each bound to its own origin.
pub fn login_for(
    origins: &[String],
    user: &str,
    password: &str,
) -> Result<Vec<BasicAuth>, ProbeError> {
    origins
        .iter()
        .map(|origin| BasicAuth::new(origin, user, password))
        .collect()
}

/// Remembers the login for each of `origins`, replacing what was there.
pub fn save(origins: &[String], user: &str, password: &str) -> Result<(), KeyringError> {
    let secret = serde_json::to_string(&Stored {
        user: user.to_string(),
        password: password.to_string(),
    })
    .map_err(|e| KeyringError::Failed(e.to_string()))?;
    for origin in origins {
        entry(origin)?
            .set_password(&secret)
            .map_err(|e| failure(&e))?;
    }
    Ok(())
}

/// The remembered logins for `origins`; origins without one are left out.
pub fn load(origins: &[String]) -> Result<Vec<BasicAuth>, KeyringError> {
    let mut out = Vec::new();
    for origin in origins {
        match entry(origin)?.get_password() {
            Ok(secret) => {
                let stored: Stored = serde_json::from_str(&secret)
                    .map_err(|_| KeyringError::Unreadable(origin.clone()))?;
                out.push(BasicAuth::new(origin, &stored.user, &stored.password)?);
            }
            Err(keyring::Error::NoEntry) => {}
            Err(e) => return Err(failure(&e)),
        }
    }
    Ok(out)
}

/// Forgets the logins of `origins`; answers how many there were.
pub fn forget(origins: &[String]) -> Result<usize, KeyringError> {
    let mut removed = 0;
    for origin in origins {
        match entry(origin)?.delete_credential() {
            Ok(()) => removed += 1,
            Err(keyring::Error::NoEntry) => {}
            Err(e) => return Err(failure(&e)),
        }
    }
    Ok(removed)
}

fn entry(origin: &str) -> Result<keyring::Entry, KeyringError> {
    // Normalised so `https://Stage.example.com:443/de` and `https://stage.example.com` meet.
    let account = parse_url(origin)?.origin().ascii_serialization();
    keyring::Entry::new(SERVICE, &account).map_err(|e| failure(&e))
}

fn failure(e: &keyring::Error) -> KeyringError {
    match e {
        // The store is set up once per process; its own error says why (no session bus, no
        // Secret Service), where NoDefaultStore alone would not.
        keyring::Error::NoDefaultStore => {
            KeyringError::Unavailable(match keyring::Entry::store_status() {
                Err(why) => why.to_string(),
                Ok(()) => e.to_string(),
            })
        }
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            KeyringError::Unavailable(e.to_string())
        }
        _ => KeyringError::Failed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_each_web_endpoint_once() {
        let e = Endpoints {
            storefronts: vec![
                "https://stage.example.com/de/".into(),
                "https://STAGE.example.com:443/at/".into(),
                "https://stage.example.com:8443/".into(),
            ],
            backoffice: Some("https://bo.stage.example.com/".into()),
            mail_domain: Some("example.com".into()),
            ..Endpoints::default()
        };
        assert_eq!(
            origins(&e).unwrap(),
            [
                "https://stage.example.com",
                "https://stage.example.com:8443",
                "https://bo.stage.example.com"
            ]
        );
        let logins = login_for(&origins(&e).unwrap(), "bob", "s3cret").unwrap();
        assert_eq!(logins.len(), 3);
        assert!(logins.iter().all(|l| l.user() == "bob"));
    }
}
