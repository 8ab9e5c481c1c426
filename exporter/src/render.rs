//! HCL rendering: one file per object, a comment naming it, an `import` block and a `resource`
//! block, attributes sorted, unset optionals as `= null`, JSON attributes as `jsonencode(…)` with
//! sorted keys, multi-line strings as heredocs, other strings escaped the way Terraform's own
//! writer does, and `=` aligned as `terraform fmt` does — all from the structure, never by
//! re-reading rendered lines (a heredoc's lines are the user's text, not HCL).

use serde_json::Value as Json;
use tfplugin::schema::{AttrKind, Attribute, Nesting};
use tfplugin::{Block, Value};

/// What to write for a string attribute instead of its value (a variable or a reference): given
/// the attribute path (names only), the value and the object that holds it (its siblings say
/// what the value is, e.g. a permission resource's `type`).
pub type Substitute<'a> = &'a dyn Fn(&[&str], &str, &Value) -> Option<String>;

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
    // Doubling `$`/`%` before `{` only adds those two characters, which need no escape.
    for c in escape_templates(s).chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a string [`quote`] wrote (`None` for anything else).
pub fn unquote(q: &str) -> Option<String> {
    let inner = q.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out.replace("$${", "${").replace("%%{", "%{"))
}

/// Characters a heredoc cannot carry as they are (Terraform would read them differently or not
/// at all): control characters other than newline and tab, and Unicode line separators.
fn heredoc_safe(c: char) -> bool {
    matches!(c, '\n' | '\t') || !(c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
}

/// A multi-line string as a heredoc at block depth `depth`, so that a change to one line is a
/// one-line diff: `<<EOT` … `EOT` when it ends in a newline (a heredoc always does), else
/// wrapped in `chomp(…)`, which takes that one newline off again. `${` and `%{` are doubled,
/// backslashes stay as they are (heredocs have no escapes), and the delimiter is one no line of
/// the text equals. `None` for a string a quoted literal must carry.
pub fn heredoc(s: &str, depth: usize) -> Option<String> {
    if !s.contains('\n') || !s.chars().all(heredoc_safe) {
        return None;
    }
    let mut delim = "EOT".to_string();
    let mut n = 0;
    while s.split('\n').any(|l| l.trim() == delim) {
        n += 1;
        delim = format!("EOT{n}");
    }
    let body = escape_templates(s);
    Some(match s.strip_suffix('\n') {
        Some(_) => format!("<<{delim}\n{body}{delim}"),
        None => format!("chomp(<<{delim}\n{body}\n{delim}\n{})", pad(depth)),
    })
}

/// `${` and `%{` doubled: what makes template text literal.
fn escape_templates(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '$' | '%') && chars.peek() == Some(&'{') {
            out.push(c);
        }
    }
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

/// Whether `terraform fmt` aligns an entry's `=` with its neighbours': its expression closes on
/// its first line, or opens a heredoc there (hclwrite reads `<<EOT … EOT` as one line and counts
/// brackets only up to the heredoc; `chomp(<<EOT` leaves one open and ends the run).
fn in_run(expr: &str) -> bool {
    !expr.contains('\n') || expr.starts_with("<<")
}

/// `key = expr` lines at `depth`, in the order given, with `=` aligned as `terraform fmt` aligns
/// them: in each run of consecutive entries that [`in_run`], keys padded to the widest.
fn entries(items: &[(String, String)], depth: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i;
        while j < items.len() && in_run(&items[j].1) {
            j += 1;
        }
        let run = if j == i { i..i + 1 } else { i..j };
        let width = items[run.clone()].iter().map(|(k, _)| columns(k)).max().unwrap_or(0);
        for (k, e) in &items[run.clone()] {
            let spaces = if in_run(e) { width - columns(k) } else { 0 };
            out.push_str(&format!("{}{k}{} = {e}\n", pad(depth), " ".repeat(spaces)));
        }
        i = run.end;
    }
    out
}

/// An object expression `{ … }` from its entries (keys as given) at `depth`, `=` aligned (`{}`
/// when there are none).
pub fn object(items: &[(String, String)], depth: usize) -> String {
    if items.is_empty() {
        return "{}".into();
    }
    format!("{{\n{}{}}}", entries(items, depth + 1), pad(depth))
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
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            object(&keys.into_iter().map(|k| (key(k), json_expr(&m[k], depth + 1))).collect::<Vec<_>>(), depth)
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

/// A Terraform value of an attribute of `parent` as an HCL expression.
fn value_expr(a: &Attribute, v: &Value, parent: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    if v.is_null() || v.is_unknown() {
        return "null".into();
    }
    if a.json {
        if let Some(j) = v.as_str().and_then(|s| serde_json::from_str::<Json>(s).ok()) {
            return format!("jsonencode({})", json_expr(&j, depth));
        }
    }
    match &a.kind {
        // A resource's own multi-line text (function code, a model's query) as a heredoc.
        AttrKind::Plain(_) if depth == 1 => match v.as_str().map(|s| (s, heredoc(s, depth))) {
            Some((s, Some(doc))) if sub(&path.iter().map(String::as_str).collect::<Vec<_>>(), s, parent).is_none() => doc,
            _ => plain_expr(v, parent, depth, path, sub),
        },
        AttrKind::Plain(_) => plain_expr(v, parent, depth, path, sub),
        AttrKind::Nested(n, attrs) => match (n, v) {
            (Nesting::Single, _) => object_expr(attrs, v, depth, path, sub),
            (Nesting::Map, Value::Map(m)) => {
                let items: Vec<(String, String)> = m
                    .iter()
                    .map(|(k, x)| {
                        path.push(k.clone());
                        let e = object_expr(attrs, x, depth + 1, path, sub);
                        path.pop();
                        (key(k), e)
                    })
                    .collect();
                object(&items, depth)
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

fn plain_expr(v: &Value, parent: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    match v {
        Value::Null | Value::Unknown => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let p: Vec<&str> = path.iter().map(String::as_str).collect();
            sub(&p, s, parent).unwrap_or_else(|| quote(s))
        }
        Value::List(items) | Value::Tuple(items) => {
            format!("[{}]", items.iter().map(|x| plain_expr(x, parent, depth, path, sub)).collect::<Vec<_>>().join(", "))
        }
        Value::Set(items) => {
            let mut r: Vec<String> = items.iter().map(|x| plain_expr(x, parent, depth, path, sub)).collect();
            r.sort();
            format!("[{}]", r.join(", "))
        }
        Value::Map(m) | Value::Object(m) => {
            object(&m.iter().map(|(k, x)| (key(k), plain_expr(x, v, depth + 1, path, sub))).collect::<Vec<_>>(), depth)
        }
        Value::Dynamic(_, inner) => plain_expr(inner, parent, depth, path, sub),
    }
}

/// The configurable attributes of an object, sorted, as an HCL object expression.
fn object_expr(attrs: &[Attribute], v: &Value, depth: usize, path: &mut Vec<String>, sub: Substitute<'_>) -> String {
    object(&body(attrs, v, depth + 1, path, sub, &[]), depth)
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

/// The attributes of a body whose entries sit at `depth`, with `extra` ones (name, expression)
/// among them, sorted by name; computed-only and write-only attributes are left out.
fn body(
    attrs: &[Attribute],
    v: &Value,
    depth: usize,
    path: &mut Vec<String>,
    sub: Substitute<'_>,
    extra: &[(String, String)],
) -> Vec<(String, String)> {
    // An extra line named like an attribute takes its place.
    let mut items: Vec<(String, String)> = attrs
        .iter()
        .filter(|a| rendered(a) && !extra.iter().any(|(k, _)| *k == a.name))
        .map(|a| {
            path.push(a.name.clone());
            let expr = value_expr(a, v.get(&a.name), v, depth, path, sub);
            path.pop();
            (a.name.clone(), expr)
        })
        .collect();
    items.extend(extra.iter().cloned());
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items
}

/// Extra lines for a resource body (write-only settings referring to variables, …).
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub lines: Vec<(String, String)>,
}

/// One exported object: its comment (`#` lines, may be empty), an `import` block, a blank line,
/// and its `resource` block.
#[allow(clippy::too_many_arguments)]
pub fn resource_file(
    comment: &str,
    type_name: &str,
    label: &str,
    import_id: &str,
    block: &Block,
    state: &Value,
    sub: Substitute<'_>,
    extra: &Extra,
) -> String {
    let mut path = Vec::new();
    let lines = entries(&body(&block.attributes, state, 1, &mut path, sub, &extra.lines), 1);
    let import = entries(&[("to".into(), format!("{type_name}.{label}")), ("id".into(), quote(import_id))], 1);
    format!("{comment}import {{\n{import}}}\n\nresource \"{type_name}\" \"{label}\" {{\n{lines}}}\n")
}

/// A comment line (`# …`) of one line of text: line breaks in names become spaces.
pub fn comment(text: &str) -> String {
    let one: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("# {}\n", one.trim_end())
}

/// How many columns `terraform fmt` counts for a key: grapheme clusters, as hclwrite does.
fn columns(s: &str) -> usize {
    unicode_segmentation::UnicodeSegmentation::graphemes(s, true).count()
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
    fn unquote_reads_back_what_quote_wrote() {
        for s in ["", "plain", "a\"b\\c\n\r\t", "${x} $${y} $$${z} %{a} %%{b} $ % {", "\u{1}\u{7f}é", "\\u0041", "$$$$"] {
            assert_eq!(unquote(&quote(s)).as_deref(), Some(s), "{s:?}");
        }
        assert_eq!(unquote("bare"), None);
    }

    #[test]
    fn alignment_runs_end_at_multi_line_values_and_span_heredocs() {
        let items: Vec<(String, String)> =
            [("a", "1"), ("long_name", "<<EOT\nx = 1\nEOT"), ("b", "2"), ("obj", "{\n    k = 1\n  }"), ("c", "3")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        assert_eq!(
            entries(&items, 1),
            "  a         = 1\n  long_name = <<EOT\nx = 1\nEOT\n  b         = 2\n  obj = {\n    k = 1\n  }\n  c = 3\n"
        );
    }

    #[test]
    fn heredocs_keep_text_exact() {
        assert_eq!(heredoc("one line", 1), None);
        assert_eq!(heredoc("a\r\nb", 1), None);
        assert_eq!(heredoc("a\n${b} \\n\n", 1).as_deref(), Some("<<EOT\na\n$${b} \\n\nEOT"));
        assert_eq!(heredoc("a\nb", 1).as_deref(), Some("chomp(<<EOT\na\nb\nEOT\n  )"));
        assert_eq!(heredoc("x\n  EOT\n", 1).as_deref(), Some("<<EOT1\nx\n  EOT\nEOT1"));
    }
}
