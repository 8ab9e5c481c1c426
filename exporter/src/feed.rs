//! Where an export is in Segment's audit trail, and which events are new.
//!
//! The audit trail is followed by time windows (BEHAVIOURS.md, "Audit trail": pages newest
//! first, events sharing timestamps, 90 days kept): each poll reads every event after the last
//! applied one minus an overlap, skips the ids already applied, and applies the rest oldest
//! first. The position travels as a trailer of the commit that applies an event
//! (`Segsync-Audit-Position: <time> [<ids applied at that time>]`), so a restart, even after
//! `kill -9`, resumes from the remote's history and no commit changes only the position.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use segsync_api::types::AuditEvent;

/// How changes are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    /// Follow the audit trail; switch to snapshots if the workspace answers that it has none.
    AuditTrail,
    /// Compare snapshots (`--no-audit-trail`, or the API refused the audit trail).
    Snapshots,
}

/// The commit trailer that carries the feed position.
pub const POSITION_TRAILER: &str = "Segsync-Audit-Position";

/// The position of an export whose feed was empty: every event that appears is new.
const BEGINNING: i64 = 0;

pub use segsync_api::timestamp::{ms_of, ts_of};

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// Whether an answer says the workspace has no audit trail (a Business-tier feature): 403 or
/// 404 from the audit-events list.
pub fn no_audit_trail(e: &segsync_api::Error) -> bool {
    matches!(e, segsync_api::Error::Api { status: 403 | 404, .. })
}

/// The newest time on a page of events and the ids of the events at it (`None` for no event
/// with a readable time). On Segment's API the first page is the newest; the largest time is
/// taken whatever the order.
pub fn head_of(events: &[AuditEvent]) -> Option<(i64, BTreeSet<String>)> {
    let head = events.iter().filter_map(|e| ms_of(&e.timestamp)).max()?;
    Some((head, events.iter().filter(|e| ms_of(&e.timestamp) == Some(head)).map(|e| e.id.clone()).collect()))
}

/// The feed position: the time of the last applied event, the ids applied at that time, and the
/// ids applied within the overlap window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Position {
    /// ms of the last applied event; `None` before the first.
    pub at: Option<i64>,
    /// Ids of the applied events whose time is `at` (several events can share a time).
    at_ids: BTreeSet<String>,
    /// Events before this time (and those in `seen`) are not applied again: an earlier run or a
    /// full sync already has them.
    floor: Option<i64>,
    /// Ids applied within the overlap window, with their times.
    seen: HashMap<String, i64>,
}

impl Position {
    /// The position a commit message records (its last trailer), as a restart starts from it.
    pub fn from_message(body: &str) -> Option<Position> {
        let prefix = format!("{POSITION_TRAILER}: ");
        let line = body.lines().rev().find_map(|l| l.strip_prefix(&prefix))?;
        let (ts, ids) = line.trim().split_once(' ').unwrap_or((line.trim(), ""));
        let at = ms_of(ts)?;
        let at_ids: BTreeSet<String> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        let seen = at_ids.iter().map(|id| (id.clone(), at)).collect();
        Some(Position { at: Some(at), at_ids, floor: Some(at), seen })
    }

    /// The trailer line for a commit made at this position (`None` before any position).
    pub fn trailer(&self) -> Option<String> {
        let at = ts_of(self.at?);
        Some(if self.at_ids.is_empty() {
            format!("{POSITION_TRAILER}: {at}")
        } else {
            format!("{POSITION_TRAILER}: {at} {}", self.at_ids.iter().map(String::as_str).collect::<Vec<_>>().join(","))
        })
    }

    /// After a full read that began when `head` was the newest event: everything up to it is in
    /// the files, so it is never applied afterwards (a late event would claim a later change; one
    /// stamped before the head reaches the files with the next full sync). An empty feed means
    /// every event that appears later is new.
    pub fn covered(&mut self, head: Option<(i64, BTreeSet<String>)>) {
        match head {
            Some((h, ids)) => {
                match self.at {
                    Some(p) if p > h => {}
                    Some(p) if p == h => self.at_ids.extend(ids.iter().cloned()),
                    _ => {
                        self.at = Some(h);
                        self.at_ids = ids.clone();
                    }
                }
                self.floor = self.floor.max(Some(h));
                self.seen.extend(ids.into_iter().map(|id| (id, h)));
            }
            None if self.at.is_none() => self.at = Some(BEGINNING),
            None => {}
        }
    }

    /// Whether the position is older than the audit trail keeps (events may be gone).
    pub fn expired(&self, retention: Duration, overlap: Duration) -> bool {
        self.at.filter(|p| *p != BEGINNING).is_some_and(|p| now_ms() - p > (retention.as_millis() as i64) - overlap.as_millis() as i64)
    }

    /// `startTime` of the next poll: the position minus the overlap (`None`: the whole feed),
    /// but never before the floor — events older than it are not applied ([`Position::fresh`]),
    /// so reading them would only cost pages: right after a restart or a full read, whose floor
    /// is the position, a poll reads from the position on (`startTime` is exclusive: 1 ms
    /// before, so the events sharing its time are read and told apart by id).
    pub fn window_start(&self, overlap: Duration) -> Option<String> {
        let at = self.at.filter(|p| *p != BEGINNING)?;
        let start = at - overlap.as_millis() as i64;
        Some(ts_of(self.floor.map_or(start, |f| start.max(f - 1))))
    }

    /// The events of a poll not applied yet, oldest first (events sharing a time in the feed's
    /// order reversed, as it pages newest first), and whether some had no readable time.
    pub fn fresh(&self, events: Vec<AuditEvent>) -> (Vec<(i64, AuditEvent)>, bool) {
        let mut unreadable = false;
        let mut fresh = Vec::new();
        for (i, ev) in events.into_iter().enumerate() {
            match ms_of(&ev.timestamp) {
                Some(ts) if !self.seen.contains_key(&ev.id) && self.floor.is_none_or(|f| ts >= f) => fresh.push((ts, i, ev)),
                Some(_) => {}
                None => {
                    tracing::warn!(event = ev.id, timestamp = ev.timestamp, "an audit event without a readable time");
                    unreadable = true;
                }
            }
        }
        fresh.sort_by_key(|(ts, i, _)| (*ts, std::cmp::Reverse(*i)));
        (fresh.into_iter().map(|(ts, _, ev)| (ts, ev)).collect(), unreadable)
    }

    /// Records an event as applied; `false` when it already was (the same id twice in a poll).
    pub fn applied(&mut self, ts: i64, id: &str) -> bool {
        if self.seen.insert(id.to_string(), ts).is_some() {
            return false;
        }
        match self.at {
            Some(p) if p == ts => {
                self.at_ids.insert(id.to_string());
            }
            Some(p) if p > ts => {}
            _ => {
                self.at = Some(ts);
                self.at_ids = BTreeSet::from([id.to_string()]);
            }
        }
        true
    }

    /// Forgets applied ids older than the window the next poll reads.
    pub fn prune(&mut self, overlap: Duration) {
        if let Some(p) = self.at {
            let floor = p - overlap.as_millis() as i64;
            self.seen.retain(|_, t| *t >= floor);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, ts: &str) -> AuditEvent {
        AuditEvent {
            id: id.into(),
            timestamp: ts.into(),
            kind: "Source Modified".into(),
            actor: "ada@example.com".into(),
            actor_email: None,
            resource_id: "src".into(),
            resource_type: "Sources".into(),
            resource_name: "web".into(),
        }
    }

    #[test]
    fn the_trailer_round_trips_with_the_ids_that_share_its_time() {
        let mut p = Position::default();
        assert!(p.trailer().is_none());
        let t = ms_of("2026-12-01T10:00:00.500Z").expect("ts");
        assert!(p.applied(t, "b") && p.applied(t, "a") && !p.applied(t, "a"));
        let trailer = p.trailer().expect("trailer");
        assert_eq!(trailer, "Segsync-Audit-Position: 2026-12-01T10:00:00.500Z a,b");
        let back = Position::from_message(&format!("Source 'x' modified by ada\n\n{trailer}\n")).expect("position");
        assert_eq!(back.at, Some(t));
        assert_eq!(back.trailer().as_deref(), Some(trailer.as_str()));
    }

    #[test]
    fn after_a_restart_only_events_not_recorded_are_fresh_oldest_first_whatever_the_page_order() {
        let p = Position::from_message("Segsync-Audit-Position: 2026-12-01T10:00:01.000Z a").expect("position");
        // Newest first, as Segment pages: d and c share a time; a and b share the position's.
        let page = vec![
            ev("d", "2026-12-01T10:00:02.000Z"),
            ev("c", "2026-12-01T10:00:02.000Z"),
            ev("b", "2026-12-01T10:00:01.000Z"),
            ev("a", "2026-12-01T10:00:01.000Z"),
            ev("z", "2026-12-01T10:00:00.000Z"),
            ev("?", "yesterday"),
        ];
        let (fresh, unreadable) = p.fresh(page);
        assert!(unreadable);
        assert_eq!(fresh.iter().map(|(_, e)| e.id.as_str()).collect::<Vec<_>>(), ["b", "c", "d"]);
    }

    #[test]
    fn a_full_sync_covers_up_to_its_head_and_an_empty_feed_starts_at_the_beginning() {
        let mut empty = Position::default();
        empty.covered(None);
        assert_eq!(empty.window_start(Duration::from_secs(120)), None, "the whole feed");
        assert!(!empty.expired(Duration::from_secs(1), Duration::ZERO));
        let t = ms_of("2026-12-01T10:00:00.000Z").expect("ts");
        let mut p = Position::default();
        p.covered(head_of(&[ev("h", "2026-12-01T10:00:00.000Z"), ev("g", "2026-12-01T09:59:59.000Z")]));
        assert_eq!(p.at, Some(t));
        let (fresh, _) =
            p.fresh(vec![ev("h", "2026-12-01T10:00:00.000Z"), ev("g", "2026-12-01T09:59:59.000Z"), ev("i", "2026-12-01T10:00:00.000Z")]);
        assert_eq!(fresh.iter().map(|(_, e)| e.id.as_str()).collect::<Vec<_>>(), ["i"], "only what the read could not have seen");
        // Nothing before the head would be applied: the next poll reads from it on (startTime is
        // exclusive), not the overlap before it.
        assert_eq!(p.window_start(Duration::from_secs(60)).as_deref(), Some("2026-12-01T09:59:59.999Z"));
        // Once events move the position past the floor by more than the overlap, the overlap
        // window is read again (late events are applied in a running session).
        assert!(p.applied(ms_of("2026-12-01T10:05:00.000Z").expect("ts"), "j"));
        assert_eq!(p.window_start(Duration::from_secs(60)).as_deref(), Some("2026-12-01T10:04:00.000Z"));
        assert!(p.applied(ms_of("2026-12-01T10:00:30.000Z").expect("ts"), "k"), "a late event after the floor is applied");
        assert!(p.expired(Duration::from_secs(3600), Duration::from_secs(60)), "a position from long ago");
    }
}
