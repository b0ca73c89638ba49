//! Signing identities: the consultant's self-signed X.509 certificate with its RSA key,
//! created on first use in the data directory's `keys/` folder or imported from PKCS#12.
//!
//! Private keys live only in files with mode 0600, never in the database. RSA only: the
//! signing library's ECDSA output does not verify (see the toolchain notes).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use der::{Decode, Encode};
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::{RsaPrivateKey, pkcs1v15};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

use super::super::ReportError;

const KEY_FILE: &str = "consultant-rsa.p8";
const CERT_FILE: &str = "consultant.crt";

/// A private key and the certificate (chain) that names its owner.
#[derive(Clone)]
pub struct Identity {
    /// PKCS#8 DER of the RSA private key.
    pub(crate) key_der: Vec<u8>,
    /// DER certificates, signer first.
    pub(crate) chain: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("subject", &self.subject())
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

/// Writes a private file: mode 0600 from the start on Unix, parent folder 0700.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ReportError::io(dir, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| ReportError::io(dir, e))?;
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| ReportError::io(path, e))?;
    file.write_all(bytes).map_err(|e| ReportError::io(path, e))
}

fn key_err(e: impl std::fmt::Display) -> ReportError {
    ReportError::Key(e.to_string())
}

/// Characters that would need escaping in a distinguished name are dropped.
fn dn_value(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=' | '#'))
        .collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() {
        "GoLive Planner user".into()
    } else {
        clean
    }
}

/// The organisation our self-signed certificates name, which tells them apart from imported
/// ones (those are never re-issued).
const SELF_SIGNED_ORG: &str = "GoLive Planner consultant";

fn subject_for(name: &str) -> Result<Name, ReportError> {
    Name::from_str(&format!("CN={},O={SELF_SIGNED_ORG}", dn_value(name))).map_err(key_err)
}

/// A self-signed end-entity certificate for `key`, valid for five years: CA:FALSE and key
/// usage digitalSignature + nonRepudiation, which is what PDF validators ask of a document
/// signer. No extended key usage: documentSigning alone makes NSS (and so `pdfsig`) reject
/// the certificate, and none means "any".
fn self_signed_cert(key: &RsaPrivateKey, name: &str) -> Result<Vec<u8>, ReportError> {
    let spki_der = key.to_public_key().to_public_key_der().map_err(key_err)?;
    let spki = SubjectPublicKeyInfoOwned::from_der(spki_der.as_bytes()).map_err(key_err)?;
    let subject = subject_for(name)?;
    let mut serial = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut serial);
    // Positive and without a leading zero byte, as DER integers want.
    serial[0] = (serial[0] & 0x7f) | 0x40;
    let validity = Validity::from_now(Duration::from_secs(5 * 365 * 24 * 3600)).map_err(key_err)?;
    let signer = pkcs1v15::SigningKey::<Sha256>::new(key.clone());
    let profile = Profile::Leaf {
        issuer: subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let builder = CertificateBuilder::new(
        profile,
        SerialNumber::new(&serial).map_err(key_err)?,
        validity,
        subject,
        spki,
        &signer,
    )
    .map_err(key_err)?;
    let cert = builder.build::<pkcs1v15::Signature>().map_err(key_err)?;
    cert.to_der().map_err(key_err)
}

/// Whether a certificate may sign documents: not a CA, and a key usage (if stated) that
/// includes digitalSignature or nonRepudiation.
fn fit_for_signing(cert: &Certificate) -> bool {
    use der::oid::AssociatedOid;
    use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
    let mut fit = true;
    for ext in cert.tbs_certificate.extensions.iter().flatten() {
        let value = ext.extn_value.as_bytes();
        if ext.extn_id == BasicConstraints::OID {
            fit &= BasicConstraints::from_der(value).is_ok_and(|bc| !bc.ca);
        } else if ext.extn_id == KeyUsage::OID {
            fit &= KeyUsage::from_der(value).is_ok_and(|ku| {
                ku.0.contains(KeyUsages::DigitalSignature)
                    || ku.0.contains(KeyUsages::NonRepudiation)
            });
        }
    }
    fit
}

impl Identity {
    /// A new RSA-2048 key with a self-signed signing certificate valid for five years.
    pub fn self_signed(name: &str) -> Result<Identity, ReportError> {
        let key = RsaPrivateKey::new(&mut rand_core::OsRng, 2048).map_err(key_err)?;
        Ok(Identity {
            key_der: key.to_pkcs8_der().map_err(key_err)?.as_bytes().to_vec(),
            chain: vec![self_signed_cert(&key, name)?],
        })
    }

    /// A self-signed identity of ours whose certificate no longer fits: made by an older
    /// version as a CA certificate (which validators refuse for signing), or naming someone
    /// else than `name` (the user changed their name). Imported identities never qualify.
    fn needs_new_certificate(&self, name: &str) -> bool {
        let [only] = self.chain.as_slice() else {
            return false;
        };
        let Ok(cert) = Certificate::from_der(only) else {
            return false;
        };
        let tbs = &cert.tbs_certificate;
        let ours = tbs.issuer == tbs.subject
            && tbs
                .subject
                .to_string()
                .ends_with(&format!("O={SELF_SIGNED_ORG}"));
        let named = subject_for(name).is_ok_and(|wanted| wanted == tbs.subject);
        ours && (!fit_for_signing(&cert) || !named)
    }

    /// Reads a PKCS#12 (.p12/.pfx) file's RSA key and certificates.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Identity, ReportError> {
        let pfx = p12::PFX::parse(bytes).map_err(|e| ReportError::Pkcs12(format!("{e:?}")))?;
        let keys = pfx
            .key_bags(password)
            .map_err(|e| ReportError::Pkcs12(format!("{e:?}")))?;
        let key_der = keys
            .into_iter()
            .next()
            .ok_or_else(|| ReportError::Pkcs12("it holds no private key".into()))?;
        RsaPrivateKey::from_pkcs8_der(&key_der).map_err(|_| {
            ReportError::Key("only RSA keys are supported for PDF signatures".into())
        })?;
        let chain = pfx
            .cert_x509_bags(password)
            .map_err(|e| ReportError::Pkcs12(format!("{e:?}")))?;
        if chain.is_empty() {
            return Err(ReportError::Pkcs12("it holds no certificate".into()));
        }
        Ok(Identity { key_der, chain })
    }

    /// The consultant's identity in `keys_dir`, created self-signed for `name` on first use.
    pub fn load_or_create(keys_dir: &Path, name: &str) -> Result<Identity, ReportError> {
        let (key_path, cert_path) = paths(keys_dir);
        if key_path.exists() && cert_path.exists() {
            let key_der = std::fs::read(&key_path).map_err(|e| ReportError::io(&key_path, e))?;
            let cert = std::fs::read(&cert_path).map_err(|e| ReportError::io(&cert_path, e))?;
            let chain = split_chain(&cert)?;
            let mut identity = Identity { key_der, chain };
            if identity.needs_new_certificate(name) {
                // Same key, new certificate: re-issuing costs no key generation, and the
                // seal key (a separate file) is untouched.
                let key = RsaPrivateKey::from_pkcs8_der(&identity.key_der).map_err(key_err)?;
                identity.chain = vec![self_signed_cert(&key, name)?];
                identity.save(keys_dir)?;
            }
            return Ok(identity);
        }
        let identity = Identity::self_signed(name)?;
        identity.save(keys_dir)?;
        Ok(identity)
    }

    /// Makes this identity the consultant's (e.g. after [`Identity::from_pkcs12`]).
    pub fn save(&self, keys_dir: &Path) -> Result<(), ReportError> {
        let (key_path, cert_path) = paths(keys_dir);
        write_private(&key_path, &self.key_der)?;
        let certs: Vec<u8> = self.chain.concat();
        std::fs::write(&cert_path, certs).map_err(|e| ReportError::io(&cert_path, e))
    }

    /// The signer certificate's subject, e.g. "CN=Ada Consultant,O=…".
    pub fn subject(&self) -> String {
        self.chain
            .first()
            .and_then(|c| Certificate::from_der(c).ok())
            .map(|c| c.tbs_certificate.subject.to_string())
            .unwrap_or_default()
    }

    /// SHA-256 of the signer certificate, hex.
    pub fn fingerprint(&self) -> String {
        self.chain
            .first()
            .map(|c| hex::encode(Sha256::digest(c)))
            .unwrap_or_default()
    }
}

fn paths(keys_dir: &Path) -> (PathBuf, PathBuf) {
    (keys_dir.join(KEY_FILE), keys_dir.join(CERT_FILE))
}

/// Splits concatenated DER certificates.
fn split_chain(bytes: &[u8]) -> Result<Vec<Vec<u8>>, ReportError> {
    let mut rest = bytes;
    let mut chain = Vec::new();
    while !rest.is_empty() {
        let mut reader = der::SliceReader::new(rest).map_err(key_err)?;
        Certificate::decode(&mut reader).map_err(key_err)?;
        let len = usize::try_from(u32::from(der::Reader::position(&reader))).map_err(key_err)?;
        chain.push(rest[..len].to_vec());
        rest = &rest[len..];
    }
    Ok(chain)
}
