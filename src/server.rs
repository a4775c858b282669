//! Serving the router over TCP with the timeouts a public server needs,
//! which `axum::serve` does not set: a connection that sends nothing is
//! closed after `QUIPU_IDLE_TIMEOUT_SECS`, one that starts a request but
//! does not finish its headers after `QUIPU_HEADER_TIMEOUT_SECS` (the
//! request body has its own limit, `QUIPU_BODY_TIMEOUT_SECS`, in the
//! router). A WebSocket, once upgraded, is watched by its own protocol.
//!
//! Each connection has a watchdog that reads when bytes last moved and
//! whether a request is in flight; on shutdown every connection finishes
//! its request in flight and closes.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

/// How long connections may stay quiet.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// A kept-alive connection with no request in flight.
    pub idle: Duration,
    /// From a request's first byte to the end of its headers.
    pub header: Duration,
}

/// What a connection's watchdog reads.
#[derive(Default)]
struct Activity {
    /// Milliseconds since `epoch` when bytes last moved.
    last_io: AtomicU64,
    /// Milliseconds since `epoch` when the request being read began, or 0.
    head_started: AtomicU64,
    in_flight: AtomicUsize,
    upgraded: AtomicBool,
}

impl Activity {
    fn now(epoch: Instant) -> u64 {
        u64::try_from(epoch.elapsed().as_millis())
            .unwrap_or(u64::MAX)
            .max(1)
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    shutdown: impl std::future::Future<Output = ()>,
) -> io::Result<()> {
    let (stop, stopped) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    tokio::spawn(connection(stream, peer, app.clone(), timeouts, stopped.clone()));
                }
                Err(err) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(%err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    stop.send_replace(true);
    drop(stopped);
    // Every connection task holds a receiver; they are all gone when it closes.
    stop.closed().await;
    Ok(())
}

/// Serves one connection until it ends, times out, or the server stops.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    timeouts: Timeouts,
    mut stop: watch::Receiver<bool>,
) {
    let epoch = Instant::now();
    let activity = Arc::new(Activity::default());
    activity
        .last_io
        .store(Activity::now(epoch), Ordering::Relaxed);
    let io = Watched {
        inner: stream,
        activity: activity.clone(),
        epoch,
    };
    let tracked = activity.clone();
    let service =
        hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let (app, activity) = (app.clone(), tracked.clone());
            activity.head_started.store(0, Ordering::Relaxed);
            activity.in_flight.fetch_add(1, Ordering::Relaxed);
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            async move {
                let response = app.oneshot(request).await;
                if let Ok(response) = &response {
                    if response.status() == hyper::StatusCode::SWITCHING_PROTOCOLS {
                        activity.upgraded.store(true, Ordering::Relaxed);
                    }
                }
                activity.in_flight.fetch_sub(1, Ordering::Relaxed);
                response
            }
        });
    let conn = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(io), service)
        .with_upgrades();
    tokio::pin!(conn);
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(%err, "connection ended with an error");
                }
                return;
            }
            _ = stop.changed() => conn.as_mut().graceful_shutdown(),
            _ = tick.tick() => {
                if expired(&activity, epoch, timeouts) {
                    tracing::debug!(%peer, "closing a connection that timed out");
                    return;
                }
            }
        }
    }
}

/// Whether a connection has been quiet too long: idle between requests, or
/// slow to send a request's headers. A request in flight (its body has its
/// own limit) and an upgraded WebSocket are not judged here.
fn expired(activity: &Activity, epoch: Instant, timeouts: Timeouts) -> bool {
    if activity.upgraded.load(Ordering::Relaxed) || activity.in_flight.load(Ordering::Relaxed) > 0 {
        return false;
    }
    let now = Activity::now(epoch);
    let started = activity.head_started.load(Ordering::Relaxed);
    if started > 0 {
        return now.saturating_sub(started) > millis(timeouts.header);
    }
    now.saturating_sub(activity.last_io.load(Ordering::Relaxed)) > millis(timeouts.idle)
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A socket that notes when bytes move, and when a request's first byte arrives.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
    epoch: Instant,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            let now = Activity::now(self.epoch);
            self.activity.last_io.store(now, Ordering::Relaxed);
            if self.activity.in_flight.load(Ordering::Relaxed) == 0 {
                let _ = self.activity.head_started.compare_exchange(
                    0,
                    now,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
            }
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let now = Activity::now(self.epoch);
        self.activity.last_io.store(now, Ordering::Relaxed);
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
