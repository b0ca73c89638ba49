//! Tests whether a server still accepts TLS 1.0 or 1.1, which rustls cannot speak: sends a
//! hand-made ClientHello offering only that version and reads the first record back.
//!
//! It only reads the ServerHello (or the alert); it never completes a legacy handshake.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const TLS10: u16 = 0x0301;
pub const TLS11: u16 = 0x0302;

/// What the server answered to a legacy ClientHello.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyAnswer {
    /// A ServerHello choosing the offered version.
    Accepted,
    /// An alert, a ServerHello with another version, or a closed connection.
    Refused,
}

/// Builds a ClientHello that offers only `version`, with CBC suites such servers used.
pub fn client_hello(version: u16, host: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&version.to_be_bytes());
    // Random: its value does not matter, no key exchange follows.
    body.extend((0u8..32).map(|i| i.wrapping_mul(37)));
    body.push(0); // no session id
    let suites: [u16; 8] = [
        0xc013, 0xc014, 0xc009, 0xc00a, 0x002f, 0x0035, 0x000a, 0x00ff,
    ];
    body.extend_from_slice(&((suites.len() * 2) as u16).to_be_bytes());
    for s in suites {
        body.extend_from_slice(&s.to_be_bytes());
    }
    body.extend_from_slice(&[1, 0]); // compression: null only
    let mut ext = Vec::new();
    if let Some(host) = host {
        let name = host.as_bytes();
        let list_len = name.len() + 3;
        ext.extend_from_slice(&0u16.to_be_bytes());
        ext.extend_from_slice(&((list_len + 2) as u16).to_be_bytes());
        ext.extend_from_slice(&(list_len as u16).to_be_bytes());
        ext.push(0);
        ext.extend_from_slice(&(name.len() as u16).to_be_bytes());
        ext.extend_from_slice(name);
    }
    // supported_groups: secp256r1, secp384r1, x25519
    ext.extend_from_slice(&[
        0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x17, 0x00, 0x18, 0x00, 0x1d,
    ]);
    // ec_point_formats: uncompressed
    ext.extend_from_slice(&[0x00, 0x0b, 0x00, 0x02, 0x01, 0x00]);
    body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    body.extend_from_slice(&ext);

    let mut hs = vec![0x01];
    hs.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    hs.extend_from_slice(&body);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend_from_slice(&(hs.len() as u16).to_be_bytes());
    record.extend_from_slice(&hs);
    record
}

/// Reads the server's first bytes: a ServerHello with the offered version means accepted.
pub fn parse_answer(bytes: &[u8], offered: u16) -> LegacyAnswer {
    // Record header (5) + handshake type (1) + length (3) + server_version (2).
    if bytes.len() >= 11 && bytes[0] == 0x16 && bytes[5] == 0x02 {
        let chosen = u16::from_be_bytes([bytes[9], bytes[10]]);
        if chosen == offered {
            return LegacyAnswer::Accepted;
        }
    }
    LegacyAnswer::Refused
}

/// Offers `version` to `addr`; `None` when the server could not be asked (no connection,
/// no answer in time).
pub async fn probe(
    addr: SocketAddr,
    host: Option<&str>,
    version: u16,
    timeout: Duration,
) -> Option<LegacyAnswer> {
    let work = async {
        let mut tcp = TcpStream::connect(addr).await.ok()?;
        tcp.write_all(&client_hello(version, host)).await.ok()?;
        let mut buf = [0u8; 16];
        let mut got = 0;
        while got < 11 {
            match tcp.read(&mut buf[got..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got += n,
            }
            if got >= 5 && buf[0] != 0x16 {
                break;
            }
        }
        Some(parse_answer(&buf[..got], version))
    };
    tokio::time::timeout(timeout, work).await.ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first 11 bytes of a TLS 1.0 ServerHello (record header, handshake header, chosen
    /// version) as a server that accepts TLS 1.0 sends them.
    const RECORDED_TLS10_SERVER_HELLO: [u8; 11] = [
        0x16, 0x03, 0x01, 0x00, 0x51, 0x02, 0x00, 0x00, 0x4d, 0x03, 0x01,
    ];
    /// A fatal `protocol_version` alert, as rustls and modern OpenSSL send it.
    const RECORDED_ALERT: [u8; 7] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46];

    #[test]
    fn a_legacy_server_hello_counts_as_accepted() {
        assert_eq!(
            parse_answer(&RECORDED_TLS10_SERVER_HELLO, TLS10),
            LegacyAnswer::Accepted
        );
        // The same hello answering a TLS 1.1 offer with 1.0 is not acceptance of 1.1.
        assert_eq!(
            parse_answer(&RECORDED_TLS10_SERVER_HELLO, TLS11),
            LegacyAnswer::Refused
        );
        assert_eq!(parse_answer(&RECORDED_ALERT, TLS10), LegacyAnswer::Refused);
        assert_eq!(parse_answer(&[], TLS10), LegacyAnswer::Refused);
    }

    #[test]
    fn the_client_hello_is_well_formed() {
        let hello = client_hello(TLS11, Some("shop.test"));
        assert_eq!(hello[0], 0x16);
        let record_len = u16::from_be_bytes([hello[3], hello[4]]) as usize;
        assert_eq!(record_len, hello.len() - 5);
        assert_eq!(hello[5], 0x01);
        assert_eq!(&hello[9..11], &TLS11.to_be_bytes());
        assert!(hello.windows(9).any(|w| w == b"shop.test"));
    }
}
