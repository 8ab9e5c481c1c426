//! How the API hides secrets, as data for every side: a secret setting comes back masked (`•`
//! with the last four characters kept), and some settings never come back at all.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::types::Settings;

pub const MASK_CHAR: char = '•';

/// Settings keys a warehouse (and a profiles warehouse) never returns, masked or not: the
/// `password` is write-only at the API.
pub const WAREHOUSE_NEVER_RETURNED: &[&str] = &["password"];

/// The masked form of a secret: `•` for all but the last four characters (at least four `•`).
pub fn mask(s: &str) -> String {
    let n = s.chars().count();
    if n <= 4 {
        return MASK_CHAR.to_string().repeat(n.max(4));
    }
    let tail: String = s.chars().skip(n - 4).collect();
    format!("{}{}", MASK_CHAR.to_string().repeat(n - 4), tail)
}

/// Whether a settings value is a masked secret.
pub fn is_masked(v: &Value) -> bool {
    matches!(v, Value::String(s) if s.contains(MASK_CHAR))
}

/// Whether `masked` (as the API returns it) could stand for `clear`.
pub fn masks_to(clear: &Value, masked: &str) -> bool {
    let clear = match clear {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let tail: String = masked.chars().filter(|c| *c != MASK_CHAR).collect();
    clear.ends_with(&tail) && (tail.is_empty() || masked.chars().count() == clear.chars().count() || clear.chars().count() <= 4)
}

/// The keys of settings the API masked.
pub fn masked_keys(settings: &Settings) -> BTreeSet<String> {
    settings.iter().filter(|(_, v)| is_masked(v)).map(|(k, _)| k.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn masks_keep_the_last_four_and_compare() {
        assert_eq!(mask("supersecretadce"), "•••••••••••adce");
        assert_eq!(mask("abc"), "••••");
        assert!(masks_to(&json!("supersecretadce"), &mask("supersecretadce")));
        assert!(!masks_to(&json!("supersecret9999"), &mask("supersecretadce")));
        assert!(is_masked(&json!("••••1234")) && !is_masked(&json!("1234")) && !is_masked(&json!(5)));
    }
}
