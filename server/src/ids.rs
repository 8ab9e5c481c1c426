//! Id shapes as the real API hands them out, and the timestamp format.

use rand::Rng;

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX: &[u8] = b"0123456789abcdef";

fn pick(rng: &mut impl Rng, alphabet: &[u8], n: usize) -> String {
    (0..n).map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char).collect()
}

/// Sources, warehouses, reverse-ETL models, users: 22 base58 characters.
pub fn base58(rng: &mut impl Rng) -> String {
    pick(rng, BASE58, 22)
}

/// Destinations: 24 lowercase hex characters.
pub fn hex24(rng: &mut impl Rng) -> String {
    pick(rng, HEX, 24)
}

/// Filters, user groups, transformations, audit events: 27 base62 characters (KSUID-shaped).
pub fn ksuid(rng: &mut impl Rng) -> String {
    pick(rng, BASE62, 27)
}

/// Tracking plans: `tp_` + a KSUID.
pub fn tracking_plan(rng: &mut impl Rng) -> String {
    format!("tp_{}", ksuid(rng))
}

/// Functions: a prefix by resource type, then a KSUID.
pub fn function(rng: &mut impl Rng, resource_type: &str) -> String {
    let prefix = match resource_type {
        "SOURCE" => "sfnc",
        "INSERT_DESTINATION" => "ifnd",
        "INSERT_SOURCE" => "ifns",
        _ => "dfn",
    };
    format!("{prefix}_{}", ksuid(rng))
}

/// Source write keys: 32 base62 characters.
pub fn write_key(rng: &mut impl Rng) -> String {
    pick(rng, BASE62, 32)
}

/// A stable id derived from a name, for built-in catalog entries, roles and spaces.
pub fn stable(alphabet_hex: bool, name: &str, len: usize) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(name.as_bytes());
    let alphabet = if alphabet_hex { HEX } else { BASE58 };
    digest.iter().cycle().take(len).enumerate().map(|(i, b)| alphabet[(usize::from(*b) + i * 7) % alphabet.len()] as char).collect()
}

pub use segsync_api::timestamp::{parse_rfc3339, rfc3339};

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    #[test]
    fn timestamps_have_three_fraction_digits_and_round_trip() {
        let t = OffsetDateTime::from_unix_timestamp_nanos(1_700_000_000_930_000_000).expect("time");
        let s = rfc3339(t);
        assert_eq!(s, "2023-11-14T22:13:20.930Z");
        assert_eq!(parse_rfc3339(&s), Some(t));
    }
}
