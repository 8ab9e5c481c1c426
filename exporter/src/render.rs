//! HCL rendering: one file per object, an `import` block and a `resource` block, attributes
//! sorted, unset optionals as `= null`, JSON attributes as `jsonencode(…)` with sorted keys,
//! strings escaped the way Terraform's own writer does, and `=` aligned as `terraform fmt` does.

use serde_json::Value as Json;
use tfplugin::schema::{AttrKind, Attribute, Nesting};
use tfplugin::{Block, Value};

/// What to write for a string attribute instead of its value (a variable or a reference).
pub type Substitute<'a> = &'a dyn Fn(&[&str], &str) -> Option<String>;

/// A resource label in Git Sync's style: `id-<id>`, with characters HCL labels cannot hold
/// replaced by `_`.
pub fn label(parts: &[&str]) -> String {
    let joined = parts.join("_");
    let clean: String = joined.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    format!("id-{clean}")
}

/// A string as an HCL quoted template literal: `\n \r \t \" \\` escaped, `${` and `%{` doubled,
/// other control characters as `\uXXXX`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Words that cannot stand bare as an object key: `{ for … }` starts a for expression and
/// `null`/`true`/`false` are values, not names.
const KEYWORDS: &[&str] = &["for", "in", "if", "null", "true", "false"];

fn key(k: &str) -> String {
    if is_identifier(k) && !KEYWORDS.contains(&k) {
        k.to_string()
    } else {
        quote(k)
    }
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

/// A JSON value as an HCL expression (for `jsonencode(…)`), keys sorted.
fn json_expr(j: &Json, depth: usize) -> String {
    match j {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => quote(s),
        Json::Array(a) if a.is_empty() => "[]".into(),
        Json::Array(a) => {
            let simple = a.iter().all(|x| !x.is_object() && !x.is_array());
            if simple {
                format!("[{}]", a.iter().map(|x| json_expr(x, depth)).collect::<Vec<_>>().join(", "))
            } else {
                let mut s = String::from("[\n");
                for x in a {
                    s.push_str(&format!("{}{},\n", pad(depth + 1), json_expr(x, depth + 1)));
                }
                s.push_str(&format!("{}]", pad(depth)));
                s
            }
        }
        Json::Object(m) if m.is_empty() => "{}".into(),
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut s = String::from("{\n");
            for k in keys {
                s.push_str(&format!("{}{} = {}\n", pad(depth + 1), key(k), json_expr(&m[k], depth + 1)));
            }
            s.push_str(&format!("{}}}", pad(depth)));
            s
        }
    }
}

/// A JSON value as an HCL object or value expression at block depth `depth` (keys sorted).
pub fn json_hcl(j: &Json, depth: usize) -> String {
    json_expr(j, depth)
}

/// A JSON value as a `jsonencode(…)` call for an attribute at block depth `depth`.
pub fn jsonencode(j: &Json, depth: usize) -> String {
    format!("jsonencode({})", json_expr(j, depth))
}

/// A Terraform value of an attribute as an HCL expression.
fn value_expr(a: &Attribute, v: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    if v.is_null() || v.is_unknown() {
        return "null".into();
    }
    if a.json {
        if let Some(j) = v.as_str().and_then(|s| serde_json::from_str::<Json>(s).ok()) {
            return format!("jsonencode({})", json_expr(&j, depth));
        }
    }
    match &a.kind {
        AttrKind::Plain(_) => plain_expr(v, depth, path, sub),
        AttrKind::Nested(n, attrs) => match (n, v) {
            (Nesting::Single, _) => object_expr(attrs, v, depth, path, sub),
            (Nesting::Map, Value::Map(m)) => {
                if m.is_empty() {
                    return "{}".into();
                }
                let mut s = String::from("{\n");
                for (k, x) in m {
                    path.push(k.clone());
                    s.push_str(&format!("{}{} = {}\n", pad(depth + 1), key(k), object_expr(attrs, x, depth + 1, path, sub)));
                    path.pop();
                }
                s.push_str(&format!("{}}}", pad(depth)));
                s
            }
            (_, Value::List(items) | Value::Set(items)) => {
                if items.is_empty() {
                    return "[]".into();
                }
                let mut rendered: Vec<String> = items.iter().map(|x| object_expr(attrs, x, depth + 1, path, sub)).collect();
                if matches!(n, Nesting::Set) {
                    rendered.sort();
                }
                let mut s = String::from("[\n");
                for r in rendered {
                    s.push_str(&format!("{}{},\n", pad(depth + 1), r));
                }
                s.push_str(&format!("{}]", pad(depth)));
                s
            }
            _ => "null".into(),
        },
    }
}

fn plain_expr(v: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    match v {
        Value::Null | Value::Unknown => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let p: Vec<&str> = path.iter().map(String::as_str).collect();
            sub(&p, s).unwrap_or_else(|| quote(s))
        }
        Value::List(items) | Value::Tuple(items) => {
            format!("[{}]", items.iter().map(|x| plain_expr(x, depth, path, sub)).collect::<Vec<_>>().join(", "))
        }
        Value::Set(items) => {
            let mut r: Vec<String> = items.iter().map(|x| plain_expr(x, depth, path, sub)).collect();
            r.sort();
            format!("[{}]", r.join(", "))
        }
        Value::Map(m) | Value::Object(m) => {
            if m.is_empty() {
                return "{}".into();
            }
            let mut s = String::from("{\n");
            for (k, x) in m {
                s.push_str(&format!("{}{} = {}\n", pad(depth + 1), key(k), plain_expr(x, depth + 1, path, sub)));
            }
            s.push_str(&format!("{}}}", pad(depth)));
            s
        }
        Value::Dynamic(_, inner) => plain_expr(inner, depth, path, sub),
    }
}

/// The configurable attributes of an object, sorted, as an HCL object expression.
fn object_expr(attrs: &[Attribute], v: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    let body = body(attrs, v, depth + 1, path, sub);
    if body.is_empty() {
        return "{}".into();
    }
    format!("{{\n{body}{}}}", pad(depth))
}

/// Whether an attribute is written into files (computed-only, write-only and deprecated ones are not).
fn rendered(a: &Attribute) -> bool {
    !a.computed_only() && !a.write_only && a.deprecation.is_none()
}

/// The part of an object's value that [`resource_file`] renders: everything else (computed
/// catalog metadata, write keys, …) dropped, so a large workspace can be held in memory cheaply.
pub fn prune(attrs: &[Attribute], v: &Value) -> Value {
    let Value::Object(m) = v else { return v.clone() };
    let mut out = std::collections::BTreeMap::new();
    for a in attrs.iter().filter(|a| rendered(a)) {
        if let Some(x) = m.get(&a.name) {
            let kept = match (&a.kind, x) {
                (AttrKind::Nested(_, inner), Value::List(items)) => Value::List(items.iter().map(|i| prune(inner, i)).collect()),
                (AttrKind::Nested(_, inner), Value::Set(items)) => Value::Set(items.iter().map(|i| prune(inner, i)).collect()),
                (AttrKind::Nested(_, inner), Value::Map(m)) => Value::Map(m.iter().map(|(k, i)| (k.clone(), prune(inner, i))).collect()),
                (AttrKind::Nested(_, inner), Value::Object(_)) => prune(inner, x),
                _ => x.clone(),
            };
            out.insert(a.name.clone(), kept);
        }
    }
    Value::Object(out)
}

/// Attribute lines of a body at `depth`, sorted by name; computed-only and write-only
/// attributes are left out.
fn body(attrs: &[Attribute], v: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    body_with(attrs, v, depth, path, sub, &[])
}

/// [`body`] with `extra` attributes (name, expression) sorted in among the rendered ones.
fn body_with(
    attrs: &[Attribute],
    v: &Value,
    depth: usize,
    path: &mut Vec<String>,
    sub: Substitute<'_>,
    extra: &[(String, String)],
) -> String {
    // An extra line named like an attribute takes its place.
    let mut entries: Vec<(&str, String)> = attrs
        .iter()
        .filter(|a| rendered(a) && !extra.iter().any(|(k, _)| *k == a.name))
        .map(|a| {
            path.push(a.name.clone());
            let expr = value_expr(a, v.get(&a.name), depth, path, sub);
            path.pop();
            (a.name.as_str(), expr)
        })
        .collect();
    entries.extend(extra.iter().map(|(k, e)| (k.as_str(), e.clone())));
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter().map(|(name, expr)| format!("{}{name} = {expr}\n", pad(depth))).collect()
}

/// Extra lines for a resource body (write-only settings referring to variables, …).
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub lines: Vec<(String, String)>,
}

/// One exported object: an `import` block, a blank line, and its `resource` block.
pub fn resource_file(
    type_name: &str,
    label: &str,
    import_id: &str,
    block: &Block,
    state: &Value,
    sub: Substitute<'_>,
    extra: &Extra,
) -> String {
    let mut path = Vec::new();
    let lines = body_with(&block.attributes, state, 1, &mut path, sub, &extra.lines);
    let text = format!(
        "import {{\n  to = {type_name}.{label}\n  id = {}\n}}\n\nresource \"{type_name}\" \"{label}\" {{\n{lines}}}\n",
        quote(import_id)
    );
    align(&text)
}

/// Whether a line's brackets balance (ignoring those inside strings).
fn balanced(line: &str) -> bool {
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
    }
    depth == 0 && !in_str
}

/// A line as `indent`, `key`, `value` when it is a single-line `key = value` attribute. The key is
/// an identifier or a quoted string (which may itself hold spaces, `=` or brackets).
fn attribute_line(l: &str) -> Option<(usize, &str, &str)> {
    let t = l.trim_start();
    let indent = l.len() - t.len();
    let key_end = if t.starts_with('"') {
        let mut escaped = false;
        let mut end = None;
        for (i, c) in t.char_indices().skip(1) {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        end?
    } else {
        t.find([' ', '='])?
    };
    let key = &t[..key_end];
    let value = t[key_end..].trim_start_matches(' ').strip_prefix('=')?.strip_prefix(' ')?;
    (!key.is_empty() && !value.is_empty() && balanced(value)).then_some((indent, key, value))
}

/// How many columns `terraform fmt` counts for a key: grapheme clusters, as hclwrite does.
fn columns(s: &str) -> usize {
    unicode_segmentation::UnicodeSegmentation::graphemes(s, true).count()
}

/// `terraform fmt`'s alignment: in each run of consecutive single-line `key = value` lines at
/// the same indentation, pad keys to the longest one.
pub fn align(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some((indent, _, _)) = attribute_line(lines[i]) else {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        };
        let mut j = i;
        let mut width = 0;
        while j < lines.len() {
            match attribute_line(lines[j]) {
                Some((ind, k, _)) if ind == indent => {
                    width = width.max(columns(k));
                    j += 1;
                }
                _ => break,
            }
        }
        for l in &lines[i..j] {
            let (_, k, v) = attribute_line(l).unwrap_or_default();
            out.push(format!("{}{k}{} = {v}", " ".repeat(indent), " ".repeat(width - columns(k))));
        }
        i = j;
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_templates_like_terraform() {
        assert_eq!(quote("a\"b\\c\n${x} $${y} %{z} $ %"), r#""a\"b\\c\n$${x} $$${y} %%{z} $ %""#);
        assert_eq!(quote("\u{1}"), "\"\\u0001\"");
    }

    #[test]
    fn alignment_groups_consecutive_single_line_attributes() {
        let got = align("x {\n  a = 1\n  long_name = 2\n  obj = {\n    k = 1\n  }\n  b = 3\n}\n");
        assert_eq!(got, "x {\n  a         = 1\n  long_name = 2\n  obj = {\n    k = 1\n  }\n  b = 3\n}\n");
    }
}
