//! Timestamps as the Public API writes them (the audit trail's `timestamp`, `createdAt`…):
//! RFC 3339 in UTC with exactly three fractional digits, so they also sort as text.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `t` as RFC 3339 in UTC with milliseconds (`2026-01-02T03:04:05.678Z`).
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Any RFC 3339 timestamp (surrounding blanks allowed).
pub fn parse_rfc3339(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s.trim(), &Rfc3339).ok()
}

/// Milliseconds since the epoch of an RFC 3339 timestamp.
pub fn ms_of(ts: &str) -> Option<i64> {
    i64::try_from(parse_rfc3339(ts)?.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Milliseconds since the epoch as [`rfc3339`].
pub fn ts_of(ms: i64) -> String {
    rfc3339(OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_round_trip_through_text() {
        let ms = 1_767_323_045_678;
        assert_eq!(ts_of(ms), "2026-01-02T03:04:05.678Z");
        assert_eq!(ms_of(&ts_of(ms)), Some(ms));
        assert_eq!(ms_of(" 2026-01-02T04:04:05.678+01:00 "), Some(ms));
        assert_eq!(ms_of("yesterday"), None);
    }
}
