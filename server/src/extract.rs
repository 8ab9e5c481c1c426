//! Request extractors: JSON bodies that fail as error envelopes (with the offending field), and
//! query strings in both of the API's spellings (`pagination.count` and `pagination[count]`,
//! `emails.0=` arrays).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use base64::Engine as _;
use segsync_api::types::Pagination;
use serde::de::DeserializeOwned;

use segsync_api::contract::contract;

use crate::error::AppError;
use crate::state::AppState;

pub const DEFAULT_PAGE: i64 = 200;
pub const MAX_PAGE: i64 = 1000;

/// A JSON request body, of a media type the operation declares (any `application/*+json` for
/// routes outside the contract).
pub struct Body<T>(pub T);

pub fn is_json_content_type(ct: &str) -> bool {
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// Decodes a JSON body into `T`: malformed JSON → 400, a wrong or missing field → 422 naming it.
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| AppError::bad_request(format!("the request body is not valid JSON: {e}")))?;
    // Every request body of the API is an object (the SDK's `*Input` models); serde would also
    // take an array for a struct, and an empty one for a body whose fields are all optional.
    if !value.is_object() {
        let got = match value {
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::Bool(_) => "a boolean",
            _ => "null",
        };
        return Err(AppError::invalid("body", format!("the request body must be a JSON object, got {got}")));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let inner = e.into_inner().to_string();
        let message =
            if field.is_empty() { format!("invalid request body: {inner}") } else { format!("invalid value for '{field}': {inner}") };
        let mut err = AppError::invalid(field.clone(), message);
        if field.is_empty() {
            // serde names a missing field only in its message: `missing field `x``.
            err.field = inner.split('`').nth(1).map(str::to_string);
        }
        err
    })
}

impl<T: DeserializeOwned> FromRequest<AppState> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        if let Some(ct) = req.headers().get(header::CONTENT_TYPE) {
            let ct = ct.to_str().unwrap_or("");
            // The media types the operation declares in Segment's SDK: alpha-only operations take
            // only `application/vnd.segment.v1alpha+json` (api/contract/operations.json `content`).
            let declared = contract().operation(req.method().as_str(), req.uri().path()).map(|o| o.content.clone()).unwrap_or_default();
            let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            let accepted = if declared.is_empty() { is_json_content_type(ct) } else { declared.contains(&mime) };
            if !accepted {
                let expected = if declared.is_empty() { "application/json".to_string() } else { declared.join(" or ") };
                return Err(AppError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    format!("expected a body of type {expected}, got '{ct}'"),
                ));
            }
        }
        let limit = state.config.body_limit;
        let bytes: Bytes = axum::body::to_bytes(req.into_body(), limit).await.map_err(|_| AppError::too_large(limit))?;
        decode_json(&bytes).map(Body)
    }
}

/// The decoded query string.
pub struct Query(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let q = parts.uri.query().unwrap_or("");
        Ok(Query(form_urlencoded::parse(q.as_bytes()).into_owned().collect()))
    }
}

impl Query {
    /// A scalar parameter, in dotted or bracketed form (`a.b` or `a[b]`).
    pub fn get(&self, dotted: &str) -> Option<&str> {
        let bracketed = match dotted.split_once('.') {
            Some((a, b)) => format!("{a}[{b}]"),
            None => dotted.to_string(),
        };
        self.0.iter().find(|(k, _)| k == dotted || *k == bracketed).map(|(_, v)| v.as_str())
    }

    /// An array parameter: `name.0=a&name.1=b`, `name[0]=a`, `name[]=a` or repeated `name=a`.
    pub fn array(&self, name: &str) -> Vec<String> {
        let mut indexed: Vec<(usize, String)> = Vec::new();
        for (k, v) in &self.0 {
            let idx = if k == name || *k == format!("{name}[]") {
                Some(usize::MAX)
            } else if let Some(rest) = k.strip_prefix(&format!("{name}.")) {
                rest.parse().ok()
            } else if let Some(rest) = k.strip_prefix(&format!("{name}[")) {
                rest.strip_suffix(']').and_then(|r| r.parse().ok())
            } else {
                None
            };
            if let Some(i) = idx {
                indexed.push((i, v.clone()));
            }
        }
        indexed.sort_by_key(|(i, _)| *i);
        indexed.into_iter().map(|(_, v)| v).collect()
    }

    pub fn page(&self) -> Result<PageParams, AppError> {
        let count = self.page_count()?;
        let after = match self.get("pagination.cursor") {
            None | Some("") => 0,
            Some(c) => decode_cursor(c).ok_or_else(|| bad_cursor(c))?,
        };
        Ok(PageParams { count, after })
    }

    /// `pagination.count`, 1 to 1000 (`DEFAULT_PAGE` when absent).
    pub fn page_count(&self) -> Result<i64, AppError> {
        Ok(match self.get("pagination.count") {
            None => DEFAULT_PAGE,
            Some(c) => match c.parse::<i64>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
                _ => {
                    return Err(AppError::invalid(
                        "pagination.count",
                        format!("pagination.count must be a whole number from 1 to {MAX_PAGE}, got '{c}'"),
                    ))
                }
            },
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PageParams {
    pub count: i64,
    /// Position after which the page starts (0 = the beginning).
    pub after: i64,
}

pub fn bad_cursor(c: &str) -> AppError {
    AppError::bad_request(format!("pagination.cursor '{c}' is not a cursor this server issued")).with_field("pagination.cursor")
}

/// The cursor of the first page as the official provider sends it (base64 of "0",
/// `misc.go`). Cursors are otherwise opaque (`model_pagination_output.go`: "Consumers of the API
/// must treat this value as opaque"); the twin's are not offsets a client could compute.
pub const FIRST_PAGE_CURSOR: &str = "MA==";

/// An opaque cursor for a position: the position with a tag, so a client that builds a cursor
/// instead of following `next` is refused.
pub fn encode_cursor(pos: i64) -> String {
    if pos == 0 {
        return FIRST_PAGE_CURSOR.to_string();
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("p{pos}.{:08x}", cursor_tag(pos)))
}

pub fn decode_cursor(c: &str) -> Option<i64> {
    let c = c.trim();
    if c == FIRST_PAGE_CURSOR {
        return Some(0);
    }
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let (pos, tag) = std::str::from_utf8(&raw).ok()?.strip_prefix('p')?.split_once('.')?;
    let n: i64 = pos.parse().ok()?;
    (n > 0 && u32::from_str_radix(tag, 16).ok()? == cursor_tag(n)).then_some(n)
}

/// The audit trail's cursor: the time (and, for events sharing it, the sequence) the next page
/// ends before. Segment's carries an end time too (`api_audit_trail.go`: `endTime` "defaults to
/// the current time, or the end time from the pagination cursor").
pub fn encode_time_cursor(ts_ms: i64, seq: i64) -> String {
    let body = format!("t{ts_ms}.{seq}");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{body}.{:08x}", cursor_tag(&body)))
}

pub fn decode_time_cursor(c: &str) -> Option<(i64, i64)> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c.trim()).ok()?;
    let (body, tag) = std::str::from_utf8(&raw).ok()?.rsplit_once('.')?;
    if u32::from_str_radix(tag, 16).ok()? != cursor_tag(body) {
        return None;
    }
    let (ts, seq) = body.strip_prefix('t')?.split_once('.')?;
    Some((ts.parse().ok()?, seq.parse().ok()?))
}

fn cursor_tag(pos: impl std::fmt::Display) -> u32 {
    // FNV-1a over the position: a check, not a secret.
    let mut h: u32 = 0x811c_9dc5;
    for b in format!("segsync-cursor:{pos}").bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

pub fn pagination(params: PageParams, next_pos: Option<i64>, prev_pos: Option<i64>, total: i64) -> Pagination {
    Pagination {
        current: encode_cursor(params.after),
        next: next_pos.map(encode_cursor),
        previous: prev_pos.map(encode_cursor),
        total_entries: u64::try_from(total).ok(),
    }
}

/// Pages an in-memory list (catalog, roles, computed lists): positions are offsets.
pub fn page_vec<T: Clone>(items: &[T], params: PageParams) -> (Vec<T>, Pagination) {
    let start = usize::try_from(params.after).unwrap_or(usize::MAX).min(items.len());
    let end = start.saturating_add(params.count as usize).min(items.len());
    let next = (end < items.len()).then_some(end as i64);
    let prev = (start > 0).then(|| start.saturating_sub(params.count as usize) as i64);
    (items[start..end].to_vec(), pagination(params, next, prev, items.len() as i64))
}
