//! A small authoritative DNS server on a loopback UDP port for the probe tests, written with
//! hickory-proto: A, AAAA, CNAME (followed for address queries), TXT, MX and CAA records.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use hickory_resolver::proto::op::{Message, OpCode, ResponseCode};
use hickory_resolver::proto::rr::rdata::{A, CAA, CNAME, MX, TXT};
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use tokio::net::UdpSocket;

/// The records a test zone serves.
#[derive(Default, Clone)]
pub struct Zone {
    records: HashMap<(String, RecordType), Vec<Record>>,
}

fn key(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    if n.ends_with('.') { n } else { format!("{n}.") }
}

impl Zone {
    fn add(&mut self, name: &str, ttl: u32, data: RData) -> &mut Self {
        let n = Name::from_ascii(key(name)).unwrap();
        let kind = data.record_type();
        self.records
            .entry((key(name), kind))
            .or_default()
            .push(Record::from_rdata(n, ttl, data));
        self
    }
    pub fn a(&mut self, name: &str, ttl: u32, ip: Ipv4Addr) -> &mut Self {
        self.add(name, ttl, RData::A(A(ip)))
    }
    pub fn cname(&mut self, name: &str, ttl: u32, target: &str) -> &mut Self {
        let t = Name::from_ascii(key(target)).unwrap();
        self.add(name, ttl, RData::CNAME(CNAME(t)))
    }
    pub fn txt(&mut self, name: &str, text: &str) -> &mut Self {
        self.add(name, 300, RData::TXT(TXT::new(vec![text.to_string()])))
    }
    pub fn mx(&mut self, name: &str, pref: u16, host: &str) -> &mut Self {
        let h = Name::from_ascii(key(host)).unwrap();
        self.add(name, 300, RData::MX(MX::new(pref, h)))
    }
    pub fn caa_issue(&mut self, name: &str, ca: &str) -> &mut Self {
        let caa = CAA::new_issue(false, Some(Name::from_ascii(ca).unwrap()), vec![]);
        self.add(name, 300, RData::CAA(caa))
    }

    fn known(&self, name: &str) -> bool {
        self.records.keys().any(|(n, _)| n == name)
    }

    fn answer(&self, name: &str, kind: RecordType) -> (ResponseCode, Vec<Record>) {
        let mut out = Vec::new();
        let mut current = name.to_string();
        for _ in 0..8 {
            if let Some(r) = self.records.get(&(current.clone(), kind)) {
                out.extend(r.iter().cloned());
                return (ResponseCode::NoError, out);
            }
            match self.records.get(&(current.clone(), RecordType::CNAME)) {
                Some(c) if kind != RecordType::CNAME => {
                    out.extend(c.iter().cloned());
                    if let RData::CNAME(t) = &c[0].data {
                        current = key(&t.0.to_ascii());
                    }
                }
                _ => break,
            }
        }
        if out.is_empty() && !self.known(name) {
            (ResponseCode::NXDomain, out)
        } else {
            (ResponseCode::NoError, out)
        }
    }
}

/// Serves `zone` on 127.0.0.1 over UDP; returns the address to give the resolver.
pub async fn serve_dns(zone: Zone) -> SocketAddr {
    let socket = Arc::new(UdpSocket::bind("127.0.0.1:0").await.unwrap());
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        loop {
            let Ok((n, peer)) = socket.recv_from(&mut buf).await else {
                break;
            };
            let Ok(query) = Message::from_vec(&buf[..n]) else {
                continue;
            };
            let mut reply = Message::response(query.metadata.id, OpCode::Query);
            reply.metadata.authoritative = true;
            reply.metadata.recursion_desired = query.metadata.recursion_desired;
            reply.metadata.recursion_available = true;
            if let Some(q) = query.queries.first() {
                reply.add_query(q.clone());
                let (code, answers) = zone.answer(&key(&q.name().to_ascii()), q.query_type());
                reply.metadata.response_code = code;
                reply.add_answers(answers);
            }
            if let Ok(bytes) = reply.to_vec() {
                let _ = socket.send_to(&bytes, peer).await;
            }
        }
    });
    addr
}
