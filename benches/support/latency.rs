//! Round-trip emulation for the probe bench: TCP and UDP relays on 127.0.0.1 that hold every
//! chunk for half the round-trip time in each direction (and a TCP connection for one extra
//! round trip before its first byte, as a real TCP handshake costs), so loopback servers
//! answer as a server across a WAN would. Not for tests: it only adds waiting.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// A TCP relay to `upstream` with round-trip time `rtt`; returns its address.
pub async fn tcp(upstream: SocketAddr, rtt: Duration) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            tokio::spawn(async move {
                // The client's SYN/SYN-ACK round trip: nothing flows before it.
                tokio::time::sleep(rtt).await;
                let Ok(server) = TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::spawn(pump(cr, sw, rtt / 2));
                tokio::spawn(pump(sr, cw, rtt / 2));
            });
        }
    });
    addr
}

/// Copies `from` to `to`, each chunk delivered `delay` after it was read (pipelined, like a
/// long wire: later chunks do not wait for earlier ones beyond their own delay).
async fn pump<R, W>(mut from: R, mut to: W, delay: Duration)
where
    R: tokio::io::AsyncRead + Unpin + Send + 'static,
    W: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((due, chunk)) = rx.recv().await {
            tokio::time::sleep_until(due).await;
            if chunk.is_empty() || to.write_all(&chunk).await.is_err() {
                break;
            }
        }
        let _ = to.shutdown().await;
    });
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = from.read(&mut buf).await.unwrap_or(0);
        let _ = tx.send((Instant::now() + delay, buf[..n].to_vec()));
        if n == 0 {
            break;
        }
    }
    drop(tx);
    let _ = writer.await;
}

/// A UDP relay (DNS) to `upstream` with round-trip time `rtt`; returns its address.
pub async fn udp(upstream: SocketAddr, rtt: Duration) -> SocketAddr {
    let front = Arc::new(UdpSocket::bind("127.0.0.1:0").await.unwrap());
    let addr = front.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, client)) = front.recv_from(&mut buf).await {
            let query = buf[..n].to_vec();
            let front = front.clone();
            tokio::spawn(async move {
                tokio::time::sleep(rtt / 2).await;
                let Ok(sock) = UdpSocket::bind("127.0.0.1:0").await else {
                    return;
                };
                if sock.send_to(&query, upstream).await.is_err() {
                    return;
                }
                let mut answer = vec![0u8; 4096];
                let Ok(Ok(n)) =
                    tokio::time::timeout(Duration::from_secs(2), sock.recv(&mut answer)).await
                else {
                    return;
                };
                tokio::time::sleep(rtt / 2).await;
                let _ = front.send_to(&answer[..n], client).await;
            });
        }
    });
    addr
}
