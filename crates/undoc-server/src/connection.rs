//! One client connection: its first request head screened, then HTTP/1.1
//! served by hyper with a header read timeout, and closed gracefully when the
//! server stops.

use std::time::Instant;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower::ServiceExt;

use crate::{ApiError, HEADER_TIMEOUT, MAX_HEAD_BYTES, MAX_HEADERS};

/// The longest request line screened before hyper sees it: longer ones get
/// the table's 414 here, since hyper answers a URI over 64 KB with an empty 414.
const MAX_REQUEST_LINE: usize = 16 * 1024;

/// Answers with `error` and closes the connection.
pub(crate) async fn refuse(mut stream: TcpStream, error: ApiError) {
    let _ = stream.write_all(&error.raw_response()).await;
    let _ = stream.shutdown().await;
    // Closing a socket with unread bytes makes the kernel send a reset, which
    // can destroy the answer before the client reads it: read what the client
    // sent (a bounded amount, for a bounded time) until it closes its side.
    let mut sink = [0u8; 8192];
    let mut drained = 0usize;
    let _ = tokio::time::timeout(LINGER, async {
        while drained < MAX_DRAIN {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(n) => drained += n,
            }
        }
    })
    .await;
}

/// How long a refused connection is kept to read what its client still sends.
const LINGER: std::time::Duration = std::time::Duration::from_secs(2);
/// The most a refused client's bytes are read before the connection is dropped.
const MAX_DRAIN: usize = 1 << 20;

pub(crate) async fn serve(
    stream: TcpStream,
    app: Router,
    stopping: tokio::sync::watch::Receiver<bool>,
    _permit: tokio::sync::OwnedSemaphorePermit,
) {
    // A connection still sending its first head when the server stops is let
    // go at once, not waited for until its header timeout.
    let screened = tokio::select! {
        screened = screen_head(&stream) => screened,
        () = stopped(stopping.clone()) => return,
    };
    if let Some(error) = screened {
        refuse(stream, error).await;
        return;
    }
    let service =
        hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let app = app.clone();
            async move { app.oneshot(request.map(axum::body::Body::new)).await }
        });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES * 4)
        // Past our own limit, so the router answers 101–400 headers with the
        // table's 431; the first head is screened below that anyway.
        .max_headers(MAX_HEADERS * 4);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = stopped(stopping) => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Resolves when the server is told to stop.
async fn stopped(mut stopping: tokio::sync::watch::Receiver<bool>) {
    while !*stopping.borrow_and_update() {
        if stopping.changed().await.is_err() {
            return;
        }
    }
}

/// Looks at the first request's head before hyper reads it (without taking
/// it off the socket): too long a request line, too many headers or too large
/// a head, or a head that does not arrive in time, get an error in the table's
/// shape instead of hyper's empty answer or a socket held open.
async fn screen_head(stream: &TcpStream) -> Option<ApiError> {
    let mut buf = vec![0u8; MAX_HEAD_BYTES + 1];
    let started = Instant::now();
    let mut seen = 0usize;
    loop {
        // Checked here too: with bytes waiting, `peek` is ready at once and the
        // timeout around it would never fire.
        let left = HEADER_TIMEOUT.saturating_sub(started.elapsed());
        let peeked = if left.is_zero() {
            None
        } else {
            tokio::time::timeout(left, stream.peek(&mut buf)).await.ok()
        };
        let n = match peeked {
            None => {
                return Some(ApiError::RequestTimeout(format!(
                    "the request's headers did not arrive within {} s",
                    HEADER_TIMEOUT.as_secs()
                )));
            }
            // Closed, or an error: hyper sees it and ends the connection.
            Some(Err(_) | Ok(0)) => return None,
            Some(Ok(n)) => n,
        };
        let head = &buf[..n];
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            let headers = head[..end].split(|b| *b == b'\n').count().saturating_sub(1);
            return (headers > MAX_HEADERS).then(|| {
                ApiError::HeadersTooLarge(format!("more than {MAX_HEADERS} request headers"))
            });
        }
        let line = head.iter().position(|b| *b == b'\n').unwrap_or(n);
        if line > MAX_REQUEST_LINE {
            return Some(ApiError::UriTooLong(MAX_REQUEST_LINE));
        }
        if n > MAX_HEAD_BYTES {
            return Some(ApiError::HeadersTooLarge(format!(
                "the request head is over {MAX_HEAD_BYTES} bytes"
            )));
        }
        if n == seen {
            // Nothing new since the last look: peek would answer at once again.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        seen = n;
    }
}
