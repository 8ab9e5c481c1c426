//! What a watching exporter reports about itself (`--listen ADDR`): `/healthz` (200 while the API
//! and the remote answered recently, 503 with the reason otherwise) and `/metrics` in
//! Prometheus' text format.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Why a round failed, as the metrics count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    Api,
    Git,
    Io,
    Config,
}

impl Cause {
    const ALL: [Cause; 4] = [Cause::Api, Cause::Git, Cause::Io, Cause::Config];

    fn label(self) -> &'static str {
        match self {
            Cause::Api => "api",
            Cause::Git => "git",
            Cause::Io => "io",
            Cause::Config => "config",
        }
    }
}

#[derive(Debug, Default)]
struct Inner {
    api_ok: Option<Instant>,
    remote_ok: Option<Instant>,
    /// The last failure of each side, for the 503's reason.
    api_error: Option<String>,
    remote_error: Option<String>,
    events: u64,
    commits_pushed: u64,
    failures: [u64; 4],
    last_poll: Option<SystemTime>,
    /// When the export last matched the feed: the start of the last poll that applied every
    /// event it read.
    in_step_since: Option<SystemTime>,
    objects: Option<u64>,
}

/// Shared between the watch loop (which records) and the listener (which reports).
#[derive(Debug)]
pub struct Health {
    inner: Mutex<Inner>,
    /// How long without an answer from the API or the remote makes the exporter unhealthy.
    pub window: Duration,
}

impl Default for Health {
    fn default() -> Self {
        Health::new(Duration::from_secs(15))
    }
}

impl Health {
    pub fn new(window: Duration) -> Self {
        Health { inner: Mutex::new(Inner::default()), window }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut g)
    }

    pub fn api_answered(&self) {
        self.with(|i| {
            i.api_ok = Some(Instant::now());
            i.api_error = None;
        });
    }

    pub fn remote_answered(&self) {
        self.with(|i| {
            i.remote_ok = Some(Instant::now());
            i.remote_error = None;
        });
    }

    /// Whether the remote has not answered for half the window (time to ask it).
    pub fn remote_due(&self) -> bool {
        self.with(|i| i.remote_ok.is_none_or(|t| t.elapsed() >= self.window / 2))
    }

    pub fn failed(&self, cause: Cause, error: &str) {
        self.with(|i| {
            i.failures[Cause::ALL.iter().position(|c| *c == cause).unwrap_or(0)] += 1;
            match cause {
                Cause::Git => i.remote_error = Some(error.to_string()),
                _ => i.api_error = Some(error.to_string()),
            }
        });
    }

    pub fn events_applied(&self, n: u64) {
        self.with(|i| i.events += n);
    }

    pub fn pushed(&self, commits: u64) {
        self.with(|i| i.commits_pushed += commits);
    }

    /// A poll that started at `started` read the feed and applied everything it found.
    pub fn polled(&self, started: SystemTime) {
        self.with(|i| {
            i.last_poll = Some(SystemTime::now());
            i.in_step_since = Some(started);
        });
    }

    pub fn objects(&self, n: u64) {
        self.with(|i| i.objects = Some(n));
    }

    /// `Ok` while healthy, else the reason.
    pub fn check(&self) -> Result<(), String> {
        self.with(|i| {
            let stale = |t: Option<Instant>| t.is_none_or(|t| t.elapsed() > self.window);
            let mut why = Vec::new();
            if stale(i.api_ok) {
                why.push(match (&i.api_error, i.api_ok) {
                    (Some(e), _) => format!("the Segment API has not answered for over {:?}: {e}", self.window),
                    (None, None) => "no poll of the Segment API has succeeded yet".to_string(),
                    (None, Some(_)) => format!("no poll of the Segment API for over {:?}", self.window),
                });
            }
            if stale(i.remote_ok) {
                why.push(match (&i.remote_error, i.remote_ok) {
                    (Some(e), _) => format!("the git remote has not answered for over {:?}: {e}", self.window),
                    (None, None) => "the git remote has not answered yet".to_string(),
                    (None, Some(_)) => format!("the git remote was not reached for over {:?}", self.window),
                });
            }
            if why.is_empty() {
                Ok(())
            } else {
                Err(why.join("; "))
            }
        })
    }

    /// The metrics in Prometheus' text exposition format.
    pub fn metrics(&self) -> String {
        let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
        self.with(|i| {
            let mut s = String::new();
            let mut metric = |name: &str, kind: &str, help: &str, samples: &[(String, String)]| {
                s.push_str(&format!("# HELP segsync_export_{name} {help}\n# TYPE segsync_export_{name} {kind}\n"));
                for (labels, v) in samples {
                    s.push_str(&format!("segsync_export_{name}{labels} {v}\n"));
                }
            };
            let one = |v: String| vec![(String::new(), v)];
            metric("events_processed_total", "counter", "Audit events applied to the files (each once).", &one(i.events.to_string()));
            metric("commits_pushed_total", "counter", "Commits pushed to the remote.", &one(i.commits_pushed.to_string()));
            let failures: Vec<(String, String)> =
                Cause::ALL.iter().zip(i.failures).map(|(c, n)| (format!("{{cause=\"{}\"}}", c.label()), n.to_string())).collect();
            metric("failures_total", "counter", "Failed rounds, by cause.", &failures);
            if let Some(t) = i.last_poll {
                metric(
                    "last_successful_poll_timestamp_seconds",
                    "gauge",
                    "When a poll last read the feed and applied it.",
                    &one(format!("{:.3}", secs(t))),
                );
            }
            if let Some(t) = i.in_step_since {
                let lag = SystemTime::now().duration_since(t).map_or(0.0, |d| d.as_secs_f64());
                metric(
                    "feed_lag_seconds",
                    "gauge",
                    "Seconds since the export last matched the audit trail (the start of the last poll that applied every event it read).",
                    &one(format!("{lag:.3}")),
                );
            }
            if let Some(n) = i.objects {
                metric("objects_exported", "gauge", "Objects with a file in the export.", &one(n.to_string()));
            }
            let healthy = if i.api_ok.is_some_and(|t| t.elapsed() <= self.window) && i.remote_ok.is_some_and(|t| t.elapsed() <= self.window)
            {
                "1"
            } else {
                "0"
            };
            metric("healthy", "gauge", "1 while /healthz answers 200.", &one(healthy.to_string()));
            s
        })
    }
}

/// Serves `/healthz` and `/metrics` on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, health: std::sync::Arc<Health>) {
    loop {
        let Ok((mut conn, _)) = listener.accept().await else { continue };
        let health = health.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 4096];
            let mut got = 0;
            // The request line is all that matters; headers are read up to the blank line.
            let read = tokio::time::timeout(Duration::from_secs(5), async {
                while got < buf.len() {
                    match conn.read(&mut buf[got..]).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => got += n,
                    }
                    if buf[..got].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            })
            .await;
            if read.is_err() {
                return;
            }
            let request = String::from_utf8_lossy(&buf[..got]);
            let mut parts = request.split_whitespace();
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let (status, content_type, body) = match (method, path.split('?').next().unwrap_or("")) {
                ("GET" | "HEAD", "/healthz") => match health.check() {
                    Ok(()) => ("200 OK", "text/plain; charset=utf-8", "ok\n".to_string()),
                    Err(why) => ("503 Service Unavailable", "text/plain; charset=utf-8", format!("{why}\n")),
                },
                ("GET" | "HEAD", "/metrics") => ("200 OK", "text/plain; version=0.0.4; charset=utf-8", health.metrics()),
                ("GET" | "HEAD", _) => ("404 Not Found", "text/plain; charset=utf-8", "not found: try /healthz or /metrics\n".to_string()),
                _ => ("405 Method Not Allowed", "text/plain; charset=utf-8", "GET only\n".to_string()),
            };
            let body = if method == "HEAD" { String::new() } else { body };
            let head =
                format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = conn.write_all(head.as_bytes()).await;
            let _ = conn.write_all(body.as_bytes()).await;
            let _ = conn.shutdown().await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unhealthy_until_both_sides_answer_and_again_when_one_goes_quiet() {
        let h = Health::new(Duration::from_millis(200));
        assert!(h.check().is_err_and(|w| w.contains("no poll") && w.contains("remote")));
        h.api_answered();
        h.remote_answered();
        assert_eq!(h.check(), Ok(()));
        h.failed(Cause::Api, "503 from the API");
        std::thread::sleep(Duration::from_millis(250));
        h.remote_answered();
        let why = h.check().expect_err("the API is quiet");
        assert!(why.contains("Segment API") && why.contains("503 from the API") && !why.contains("remote"), "{why}");
        let m = h.metrics();
        assert!(m.contains("segsync_export_failures_total{cause=\"api\"} 1") && m.contains("segsync_export_healthy 0"), "{m}");
    }
}
