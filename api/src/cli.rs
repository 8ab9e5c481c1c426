//! What the command-line programs share: durations with bounds, errors as one line, and a panic
//! that reads as a bug report rather than a stack dump.

use std::time::Duration;

/// Parses `500ms`, `5s`, `10m`, `2h` (a bare number is seconds) and checks `min <= d <= max`.
pub fn duration_in(s: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num.parse().map_err(|_| format!("{s:?} is not a duration such as 5s, 500ms or 10m"))?;
    let ms_per_unit: u64 = match unit {
        "ms" => 1,
        "s" | "" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(format!("{s:?}: the unit must be ms, s, m or h")),
    };
    let d = n.checked_mul(ms_per_unit).map(Duration::from_millis);
    match d {
        Some(d) if d >= min && d <= max => Ok(d),
        _ => Err(format!("{s:?} is out of range: give a duration from {} to {}", human(min), human(max))),
    }
}

/// `1500ms` → `1.5s`-style text for messages (whole units where they fit).
pub fn human(d: Duration) -> String {
    let ms = d.as_millis();
    if ms > 0 && ms.is_multiple_of(3_600_000) {
        format!("{}h", ms / 3_600_000)
    } else if ms > 0 && ms.is_multiple_of(60_000) {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1_000) {
        format!("{}s", ms / 1_000)
    } else {
        format!("{ms}ms")
    }
}

/// An error and its causes on one line: `a: b: c`, each cause once (a message that already ends
/// with its source's text is not repeated), line breaks folded into spaces.
pub fn one_line(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let text = err.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && !parts.iter().any(|p| p.ends_with(&text)) {
            parts.push(text);
        }
        cur = err.source();
    }
    parts.join(": ")
}

/// Replaces the default panic output (and its backtrace, whatever `RUST_BACKTRACE` says) with one
/// line that says this is a bug.
pub fn install_panic_hook(program: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("{program}: internal error (a bug; please report it with this line): {msg}{at}");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_have_units_and_bounds() {
        let (min, max) = (Duration::from_millis(100), Duration::from_secs(24 * 3600));
        assert_eq!(duration_in("500ms", min, max), Ok(Duration::from_millis(500)));
        assert_eq!(duration_in("5", min, max), Ok(Duration::from_secs(5)));
        assert_eq!(duration_in("10m", min, max), Ok(Duration::from_secs(600)));
        assert!(duration_in("0", min, max).expect_err("refused").contains("from 100ms to 24h"));
        assert!(duration_in("99ms", min, max).is_err());
        assert!(duration_in("25h", min, max).is_err());
        // 2^62 minutes overflows a u64 of milliseconds: an error, not a wrap to zero.
        assert!(duration_in("4611686018427387904m", min, max).expect_err("refused").contains("out of range"));
        assert!(duration_in("99999999999999999999999s", min, max).is_err());
        assert!(duration_in("5x", min, max).expect_err("refused").contains("unit"));
        assert!(duration_in("", min, max).is_err());
    }

    #[test]
    fn errors_fold_into_one_line() {
        #[derive(Debug)]
        struct E(&'static str, Option<Box<E>>);
        impl std::fmt::Display for E {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl std::error::Error for E {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                self.1.as_deref().map(|e| e as _)
            }
        }
        let e = E("opening x", Some(Box::new(E("git fetch failed: fatal: no\n  such repo", Some(Box::new(E("no\nsuch repo", None)))))));
        assert_eq!(one_line(&e), "opening x: git fetch failed: fatal: no such repo");
    }
}
