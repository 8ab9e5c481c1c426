//! Terraform's type system (cty) as Rust values: types, values, exact numbers, unknowns.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value as Json;

/// A cty type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    String,
    Number,
    Bool,
    /// Any type, decided by the value (`dynamic` in schemas).
    Dynamic,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    Object(BTreeMap<String, Type>),
    Tuple(Vec<Type>),
}

impl Type {
    pub fn list(t: Type) -> Type {
        Type::List(Box::new(t))
    }
    pub fn set(t: Type) -> Type {
        Type::Set(Box::new(t))
    }
    pub fn map(t: Type) -> Type {
        Type::Map(Box::new(t))
    }
    pub fn object<I: IntoIterator<Item = (S, Type)>, S: Into<String>>(attrs: I) -> Type {
        Type::Object(attrs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// The compact JSON form Terraform uses in schemas and dynamic values.
    pub fn to_json(&self) -> Json {
        match self {
            Type::String => Json::from("string"),
            Type::Number => Json::from("number"),
            Type::Bool => Json::from("bool"),
            Type::Dynamic => Json::from("dynamic"),
            Type::List(t) => Json::Array(vec!["list".into(), t.to_json()]),
            Type::Set(t) => Json::Array(vec!["set".into(), t.to_json()]),
            Type::Map(t) => Json::Array(vec!["map".into(), t.to_json()]),
            Type::Object(attrs) => {
                Json::Array(vec!["object".into(), Json::Object(attrs.iter().map(|(k, t)| (k.clone(), t.to_json())).collect())])
            }
            Type::Tuple(ts) => Json::Array(vec!["tuple".into(), Json::Array(ts.iter().map(Type::to_json).collect())]),
        }
    }

    pub fn to_json_bytes(&self) -> Vec<u8> {
        self.to_json().to_string().into_bytes()
    }

    pub fn from_json(j: &Json) -> Result<Type, String> {
        match j {
            Json::String(s) => match s.as_str() {
                "string" => Ok(Type::String),
                "number" => Ok(Type::Number),
                "bool" => Ok(Type::Bool),
                "dynamic" => Ok(Type::Dynamic),
                other => Err(format!("unknown primitive type {other:?}")),
            },
            Json::Array(parts) if parts.len() >= 2 => {
                let kind = parts[0].as_str().ok_or("type kind must be a string")?;
                match kind {
                    "list" => Ok(Type::list(Type::from_json(&parts[1])?)),
                    "set" => Ok(Type::set(Type::from_json(&parts[1])?)),
                    "map" => Ok(Type::map(Type::from_json(&parts[1])?)),
                    "object" => {
                        let attrs = parts[1].as_object().ok_or("object type needs an attribute map")?;
                        let mut out = BTreeMap::new();
                        for (k, v) in attrs {
                            out.insert(k.clone(), Type::from_json(v)?);
                        }
                        Ok(Type::Object(out))
                    }
                    "tuple" => {
                        let elems = parts[1].as_array().ok_or("tuple type needs an element list")?;
                        Ok(Type::Tuple(elems.iter().map(Type::from_json).collect::<Result<_, _>>()?))
                    }
                    other => Err(format!("unknown type kind {other:?}")),
                }
            }
            other => Err(format!("not a type: {other}")),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

/// An exact number, kept as its decimal text so values beyond i64/f64 survive round trips.
#[derive(Debug, Clone)]
pub struct Number(String);

impl Number {
    /// Parses decimal text (`-12`, `3.5`, `1e400`, `123456789012345678901234567890`).
    pub fn parse(s: &str) -> Option<Number> {
        let t = s.trim();
        let valid = !t.is_empty()
            && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
            && t.chars().any(|c| c.is_ascii_digit());
        valid.then(|| Number(normalize(t)))
    }

    pub fn from_i64(n: i64) -> Number {
        Number(n.to_string())
    }

    pub fn from_f64(n: f64) -> Option<Number> {
        n.is_finite().then(|| Number(normalize(&format_f64(n))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }

    /// True when the value is exactly an f64 (its shortest f64 text is the same number).
    pub fn is_exact_f64(&self) -> bool {
        self.as_f64().filter(|f| f.is_finite()).is_some_and(|f| normalize(&format_f64(f)) == self.0)
    }
}

fn format_f64(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// Canonical decimal text: no `+`, no leading zeros, no trailing fractional zeros, lower-case `e`.
fn normalize(s: &str) -> String {
    let s = s.trim_start_matches('+').to_ascii_lowercase();
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, s),
    };
    let (mant, exp) = match body.split_once('e') {
        Some((m, e)) => (m.to_string(), Some(e.trim_start_matches('+').to_string())),
        None => (body, None),
    };
    let (int, frac) = match mant.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (mant, String::new()),
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    let zero = int == "0" && frac.is_empty();
    if neg && !zero {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    if let Some(e) = exp {
        let (eneg, edigits) = match e.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, e.as_str()),
        };
        let edigits = edigits.trim_start_matches('0');
        if !edigits.is_empty() && !zero {
            out.push('e');
            if eneg {
                out.push('-');
            }
            out.push_str(edigits);
        }
    }
    out
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || (self.is_exact_f64() && other.is_exact_f64() && self.as_f64() == other.as_f64())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A cty value. Collections hold values of their element type; objects are keyed by attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    /// Not known until apply.
    Unknown,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Value>),
    Set(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Object(BTreeMap<String, Value>),
    Tuple(Vec<Value>),
    /// A value of a `dynamic` attribute, with the concrete type it arrived with.
    Dynamic(Type, Box<Value>),
}

impl Value {
    pub fn string(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    pub fn object<I: IntoIterator<Item = (S, Value)>, S: Into<String>>(attrs: I) -> Value {
        Value::Object(attrs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when the value and everything inside it is known.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => v.iter().all(Value::is_wholly_known),
            Value::Map(m) | Value::Object(m) => m.values().all(Value::is_wholly_known),
            Value::Dynamic(_, v) => v.is_wholly_known(),
            _ => true,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            Value::Dynamic(_, v) => v.as_str(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Elements of a list, set or tuple.
    pub fn as_elements(&self) -> Option<&[Value]> {
        match self {
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => Some(v),
            _ => None,
        }
    }

    /// Attributes of an object or entries of a map.
    pub fn as_attrs(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(m) | Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// An attribute of an object (Null when absent or when self is not an object).
    pub fn get(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        match self {
            Value::Object(m) | Value::Map(m) => m.get(name).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        match self {
            Value::Object(m) | Value::Map(m) => m.get_mut(name),
            _ => None,
        }
    }

    /// Sets an attribute of an object (no-op on other values).
    pub fn set(&mut self, name: &str, v: Value) {
        if let Value::Object(m) | Value::Map(m) = self {
            m.insert(name.to_string(), v);
        }
    }

    /// Value equality where sets compare as sets (order ignored).
    pub fn semantically_equal(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Set(a), Value::Set(b)) => a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| x.semantically_equal(y))),
            (Value::List(a), Value::List(b)) | (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.semantically_equal(y))
            }
            (Value::Map(a), Value::Map(b)) | (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| x.semantically_equal(y)))
            }
            (Value::Dynamic(ta, a), Value::Dynamic(tb, b)) => ta == tb && a.semantically_equal(b),
            (a, b) => a == b,
        }
    }

    /// Converts to plain JSON (unknowns become null): for logs and tests.
    pub fn to_plain_json(&self) -> Json {
        match self {
            Value::Null | Value::Unknown => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => serde_json::from_str(n.as_str()).unwrap_or_else(|_| Json::String(n.to_string())),
            Value::String(s) => Json::String(s.clone()),
            Value::List(v) | Value::Set(v) | Value::Tuple(v) => Json::Array(v.iter().map(Value::to_plain_json).collect()),
            Value::Map(m) | Value::Object(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), v.to_plain_json())).collect()),
            Value::Dynamic(_, v) => v.to_plain_json(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(Number::from_i64(n))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map(Into::into).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalize() {
        for (a, b) in [("+1.50", "1.5"), ("-0", "0"), ("007", "7"), ("1E+10", "1e10"), ("2.000", "2"), ("-3.25e-02", "-3.25e-2")] {
            assert_eq!(Number::parse(a).expect("number").as_str(), b, "{a}");
        }
        assert!(Number::parse("abc").is_none());
        let big = Number::parse("123456789012345678901234567890").expect("big");
        assert!(!big.is_exact_f64());
        assert!(Number::parse("0.5").expect("half").is_exact_f64());
    }

    #[test]
    fn types_round_trip_json() {
        let t = Type::object([
            ("a", Type::list(Type::String)),
            ("b", Type::map(Type::Number)),
            ("c", Type::Tuple(vec![Type::Bool, Type::Dynamic])),
        ]);
        assert_eq!(Type::from_json(&t.to_json()).expect("type"), t);
    }
}
