//! One pace for every request a process makes to the API: at most N requests in flight (the
//! API is remote, so a client that waits for each answer is bounded by latency), and none while
//! the API has asked to wait — its budget spent (`X-RateLimit-Remaining: 0` until
//! `X-RateLimit-Reset`) or a 429's `msBeforeNext` (BEHAVIOURS.md, "Rate limits and latency";
//! docs.segmentapis.com, Rate Limits). Shared by every clone of a client, so Terraform's
//! parallel calls into one provider process, or an exporter's fan-out, keep to one budget.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::{Semaphore, SemaphorePermit};

#[derive(Debug)]
pub struct Pace {
    permits: Semaphore,
    /// No request starts before this instant.
    not_before: Mutex<Option<Instant>>,
    /// Requests sent (attempts included), for benchmarks and logs.
    sent: std::sync::atomic::AtomicU64,
    /// How often the API asked to wait, and for how long in all.
    holds: Mutex<(u64, Duration)>,
}

impl Pace {
    pub fn new(concurrency: usize) -> Self {
        Pace {
            permits: Semaphore::new(concurrency.max(1)),
            not_before: Mutex::new(None),
            sent: Default::default(),
            holds: Mutex::new((0, Duration::ZERO)),
        }
    }

    /// A slot for one request: waits for a free one, then until the API's pause is over.
    pub async fn slot(&self) -> SemaphorePermit<'_> {
        // The semaphore is never closed.
        let permit = self.permits.acquire().await.unwrap_or_else(|_| unreachable!("the pace's semaphore is never closed"));
        loop {
            let wait = self.not_before.lock().unwrap_or_else(|p| p.into_inner()).and_then(|t| t.checked_duration_since(Instant::now()));
            match wait {
                Some(d) if !d.is_zero() => tokio::time::sleep(d).await,
                _ => break,
            }
        }
        self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        permit
    }

    /// Nothing starts for `d` from now (a later pause already asked for stays).
    pub fn hold_off(&self, d: Duration) {
        let until = Instant::now() + d;
        let mut g = self.not_before.lock().unwrap_or_else(|p| p.into_inner());
        if g.is_none_or(|t| t < until) {
            *g = Some(until);
            let mut h = self.holds.lock().unwrap_or_else(|p| p.into_inner());
            h.0 += 1;
            h.1 += d;
        }
    }

    /// Reads the rate-limit headers of an answer: when the budget is spent, nothing starts
    /// before the window resets. The reset is a date; measured against the answer's own `Date`
    /// when it has one, so a skewed local clock does not matter.
    pub fn observe(&self, headers: &reqwest::header::HeaderMap) {
        let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let Some(remaining) = get("x-ratelimit-remaining").and_then(|v| v.trim().parse::<u64>().ok()) else { return };
        if remaining > 0 {
            return;
        }
        let Some(reset) = get("x-ratelimit-reset").and_then(|v| httpdate::parse_http_date(v).ok()) else { return };
        let now = get("date").and_then(|v| httpdate::parse_http_date(v).ok()).unwrap_or_else(SystemTime::now);
        // Dates have whole seconds: a window of a second or so cannot be timed from them, and a
        // 429's `msBeforeNext` says it exactly. A longer one (an endpoint's per-minute limit)
        // is waited out here rather than spent on refused requests.
        let wait = reset.duration_since(now).unwrap_or_default();
        if wait > Duration::from_secs(1) {
            self.hold_off(wait.min(Duration::from_secs(120)));
        }
    }

    /// When nothing may start (`None`: now).
    #[cfg(test)]
    fn paused_for(&self) -> Duration {
        self.not_before.lock().unwrap_or_else(|p| p.into_inner()).and_then(|t| t.checked_duration_since(Instant::now())).unwrap_or_default()
    }

    pub fn requests_sent(&self) -> u64 {
        self.sent.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// (how many times, how long in all) the API asked this process to wait.
    pub fn holds(&self) -> (u64, Duration) {
        *self.holds.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn headers(remaining: &str, date: SystemTime, reset: SystemTime) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-remaining", HeaderValue::from_str(remaining).expect("header"));
        h.insert("date", HeaderValue::from_str(&httpdate::fmt_http_date(date)).expect("header"));
        h.insert("x-ratelimit-reset", HeaderValue::from_str(&httpdate::fmt_http_date(reset)).expect("header"));
        h
    }

    #[test]
    fn a_spent_budget_waits_for_its_reset_measured_against_the_answers_date() {
        // The server's clock is an hour ahead of ours: only the difference between its two
        // dates counts.
        let server_now = SystemTime::now() + Duration::from_secs(3600);
        let p = Pace::new(8);
        p.observe(&headers("3", server_now, server_now + Duration::from_secs(40)));
        assert_eq!(p.paused_for(), Duration::ZERO, "budget left: no pause");
        p.observe(&headers("0", server_now, server_now + Duration::from_secs(40)));
        let paused = p.paused_for();
        assert!(paused > Duration::from_secs(38) && paused <= Duration::from_secs(40), "{paused:?}");
        // A window of a second is left to the 429's msBeforeNext (dates have whole seconds).
        let q = Pace::new(8);
        q.observe(&headers("0", server_now, server_now + Duration::from_secs(1)));
        assert_eq!(q.paused_for(), Duration::ZERO);
    }

    #[tokio::test]
    async fn a_hold_delays_every_slot_and_a_shorter_one_does_not_shorten_it() {
        let p = Pace::new(2);
        p.hold_off(Duration::from_millis(300));
        p.hold_off(Duration::from_millis(10));
        let started = Instant::now();
        let (_a, _b) = tokio::join!(p.slot(), p.slot());
        assert!(started.elapsed() >= Duration::from_millis(290), "{:?}", started.elapsed());
        assert_eq!(p.requests_sent(), 2);
        assert_eq!(p.holds().0, 1);
    }
}
