//! Values on the wire: msgpack (what Terraform sends and what we always answer) and JSON (raw
//! state and the fallback of `DynamicValue`), both driven by the value's type.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::value::{Number, Type, Value};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct CodecError {
    pub path: String,
    pub message: String,
}

fn err<T>(path: &str, message: impl Into<String>) -> Result<T, CodecError> {
    Err(CodecError { path: if path.is_empty() { "(root)".into() } else { path.to_string() }, message: message.into() })
}

// ---------------------------------------------------------------- msgpack: raw layer

/// A decoded msgpack item, before types give it meaning.
#[derive(Debug, Clone, PartialEq)]
enum Mp {
    Nil,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Vec<u8>),
    Bin(Vec<u8>),
    Array(Vec<Mp>),
    Map(Vec<(Mp, Mp)>),
    Ext(i8, Vec<u8>),
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        if self.pos + n > self.buf.len() {
            return err("", "truncated msgpack data");
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, CodecError> {
        Ok(self.take(1)?[0])
    }

    fn be(&mut self, n: usize) -> Result<u64, CodecError> {
        Ok(self.take(n)?.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    fn item(&mut self, depth: usize) -> Result<Mp, CodecError> {
        if depth > 512 {
            return err("", "msgpack data nested too deeply");
        }
        let m = self.u8()?;
        Ok(match m {
            0x00..=0x7f => Mp::Int(i128::from(m)),
            0xe0..=0xff => Mp::Int(i128::from(m as i8)),
            0xc0 => Mp::Nil,
            0xc2 => Mp::Bool(false),
            0xc3 => Mp::Bool(true),
            0xcc => Mp::Int(i128::from(self.be(1)?)),
            0xcd => Mp::Int(i128::from(self.be(2)?)),
            0xce => Mp::Int(i128::from(self.be(4)?)),
            0xcf => Mp::Int(i128::from(self.be(8)?)),
            0xd0 => Mp::Int(i128::from(self.be(1)? as u8 as i8)),
            0xd1 => Mp::Int(i128::from(self.be(2)? as u16 as i16)),
            0xd2 => Mp::Int(i128::from(self.be(4)? as u32 as i32)),
            0xd3 => Mp::Int(i128::from(self.be(8)? as i64)),
            0xca => Mp::Float(f64::from(f32::from_bits(self.be(4)? as u32))),
            0xcb => Mp::Float(f64::from_bits(self.be(8)?)),
            0xa0..=0xbf => Mp::Str(self.take(usize::from(m & 0x1f))?.to_vec()),
            0xd9..=0xdb => {
                let n = self.be(1 << (m - 0xd9))? as usize;
                Mp::Str(self.take(n)?.to_vec())
            }
            0xc4..=0xc6 => {
                let n = self.be(1 << (m - 0xc4))? as usize;
                Mp::Bin(self.take(n)?.to_vec())
            }
            0x90..=0x9f => self.array(usize::from(m & 0x0f), depth)?,
            0xdc => {
                let n = self.be(2)? as usize;
                self.array(n, depth)?
            }
            0xdd => {
                let n = self.be(4)? as usize;
                self.array(n, depth)?
            }
            0x80..=0x8f => self.map(usize::from(m & 0x0f), depth)?,
            0xde => {
                let n = self.be(2)? as usize;
                self.map(n, depth)?
            }
            0xdf => {
                let n = self.be(4)? as usize;
                self.map(n, depth)?
            }
            0xd4..=0xd8 => {
                let n = 1usize << (m - 0xd4);
                let t = self.u8()? as i8;
                Mp::Ext(t, self.take(n)?.to_vec())
            }
            0xc7..=0xc9 => {
                let n = self.be(1 << (m - 0xc7))? as usize;
                let t = self.u8()? as i8;
                Mp::Ext(t, self.take(n)?.to_vec())
            }
            other => return err("", format!("unsupported msgpack marker 0x{other:02x}")),
        })
    }

    fn array(&mut self, n: usize, depth: usize) -> Result<Mp, CodecError> {
        let mut v = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            v.push(self.item(depth + 1)?);
        }
        Ok(Mp::Array(v))
    }

    fn map(&mut self, n: usize, depth: usize) -> Result<Mp, CodecError> {
        let mut v = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let k = self.item(depth + 1)?;
            let val = self.item(depth + 1)?;
            v.push((k, val));
        }
        Ok(Mp::Map(v))
    }
}

fn mp_str(m: &Mp, path: &str) -> Result<String, CodecError> {
    match m {
        Mp::Str(b) | Mp::Bin(b) => String::from_utf8(b.clone()).or_else(|_| err(path, "string is not UTF-8")),
        _ => err(path, format!("expected a string, got {m:?}")),
    }
}

// ---------------------------------------------------------------- msgpack: typed layer

/// Decodes a msgpack value of type `ty`.
pub fn from_msgpack(bytes: &[u8], ty: &Type) -> Result<Value, CodecError> {
    let mut r = Reader { buf: bytes, pos: 0 };
    let mp = r.item(0)?;
    if r.pos != bytes.len() {
        return err("", "trailing bytes after msgpack value");
    }
    typed(&mp, ty, "")
}

fn child(path: &str, seg: &str) -> String {
    if path.is_empty() {
        seg.to_string()
    } else {
        format!("{path}.{seg}")
    }
}

fn typed(m: &Mp, ty: &Type, path: &str) -> Result<Value, CodecError> {
    match m {
        Mp::Nil => return Ok(Value::Null),
        Mp::Ext(_, _) => return Ok(Value::Unknown),
        _ => {}
    }
    match ty {
        Type::String => Ok(Value::String(mp_str(m, path)?)),
        Type::Bool => match m {
            Mp::Bool(b) => Ok(Value::Bool(*b)),
            _ => err(path, "expected a bool"),
        },
        Type::Number => match m {
            Mp::Int(i) => {
                Ok(Value::Number(Number::parse(&i.to_string()).ok_or_else(|| CodecError { path: path.into(), message: "bad int".into() })?))
            }
            Mp::Float(f) => Number::from_f64(*f)
                .map(Value::Number)
                .ok_or_else(|| CodecError { path: path.into(), message: "number is not finite".into() }),
            Mp::Str(_) | Mp::Bin(_) => {
                let s = mp_str(m, path)?;
                Number::parse(&s)
                    .map(Value::Number)
                    .ok_or_else(|| CodecError { path: path.into(), message: format!("{s:?} is not a number") })
            }
            _ => err(path, "expected a number"),
        },
        Type::List(el) | Type::Set(el) => match m {
            Mp::Array(items) => {
                let vals = items.iter().enumerate().map(|(i, x)| typed(x, el, &format!("{path}[{i}]"))).collect::<Result<Vec<_>, _>>()?;
                Ok(if matches!(ty, Type::List(_)) { Value::List(vals) } else { Value::Set(vals) })
            }
            _ => err(path, "expected an array"),
        },
        Type::Tuple(els) => match m {
            Mp::Array(items) if items.len() == els.len() => Ok(Value::Tuple(
                items.iter().zip(els).enumerate().map(|(i, (x, t))| typed(x, t, &format!("{path}[{i}]"))).collect::<Result<_, _>>()?,
            )),
            _ => err(path, format!("expected an array of {} elements", els.len())),
        },
        Type::Map(el) => match m {
            Mp::Map(entries) => {
                let mut out = BTreeMap::new();
                for (k, v) in entries {
                    let key = mp_str(k, path)?;
                    let val = typed(v, el, &format!("{path}[{key:?}]"))?;
                    out.insert(key, val);
                }
                Ok(Value::Map(out))
            }
            _ => err(path, "expected a map"),
        },
        Type::Object(attrs) => match m {
            Mp::Map(entries) => {
                let mut got: BTreeMap<String, &Mp> = BTreeMap::new();
                for (k, v) in entries {
                    got.insert(mp_str(k, path)?, v);
                }
                let mut out = BTreeMap::new();
                for (name, aty) in attrs {
                    let v = match got.get(name) {
                        Some(x) => typed(x, aty, &child(path, name))?,
                        None => Value::Null,
                    };
                    out.insert(name.clone(), v);
                }
                Ok(Value::Object(out))
            }
            _ => err(path, "expected an object"),
        },
        Type::Dynamic => match m {
            Mp::Array(parts) if parts.len() == 2 => {
                let tj = mp_str(&parts[0], path)?;
                let json: Json = serde_json::from_str(&tj).or_else(|e| err(path, format!("dynamic type is not JSON: {e}")))?;
                let t = Type::from_json(&json).or_else(|e| err(path, e))?;
                let inner = typed(&parts[1], &t, path)?;
                Ok(Value::Dynamic(t, Box::new(inner)))
            }
            _ => err(path, "expected a [type, value] pair for a dynamic value"),
        },
    }
}

/// Encodes a value of type `ty` as msgpack.
pub fn to_msgpack(v: &Value, ty: &Type) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(256);
    write(&mut out, v, ty, "")?;
    Ok(out)
}

fn write_len(out: &mut Vec<u8>, n: usize, fix: u8, fix_max: usize, m16: u8, m32: u8) {
    if n <= fix_max {
        out.push(fix | n as u8);
    } else if n <= 0xffff {
        out.push(m16);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(m32);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    let n = s.len();
    if n <= 31 {
        out.push(0xa0 | n as u8);
    } else if n <= 0xff {
        out.push(0xd9);
        out.push(n as u8);
    } else if n <= 0xffff {
        out.push(0xda);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(0xdb);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
    out.extend_from_slice(s.as_bytes());
}

fn write_bin(out: &mut Vec<u8>, b: &[u8]) {
    let n = b.len();
    if n <= 0xff {
        out.push(0xc4);
        out.push(n as u8);
    } else if n <= 0xffff {
        out.push(0xc5);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(0xc6);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
    out.extend_from_slice(b);
}

fn write_int(out: &mut Vec<u8>, i: i64) {
    if (0..=0x7f).contains(&i) {
        out.push(i as u8);
    } else if (-32..0).contains(&i) {
        out.push(i as i8 as u8);
    } else {
        out.push(0xd3);
        out.extend_from_slice(&i.to_be_bytes());
    }
}

fn write(out: &mut Vec<u8>, v: &Value, ty: &Type, path: &str) -> Result<(), CodecError> {
    match v {
        Value::Null => {
            out.push(0xc0);
            return Ok(());
        }
        Value::Unknown => {
            out.extend_from_slice(&[0xd4, 0, 0]);
            return Ok(());
        }
        _ => {}
    }
    match (ty, v) {
        (Type::String, Value::String(s)) => write_str(out, s),
        (Type::Bool, Value::Bool(b)) => out.push(if *b { 0xc3 } else { 0xc2 }),
        (Type::Number, Value::Number(n)) => {
            if let Some(i) = n.as_i64().filter(|i| i.to_string() == n.as_str()) {
                write_int(out, i);
            } else if n.is_exact_f64() {
                out.push(0xcb);
                out.extend_from_slice(&n.as_f64().unwrap_or_default().to_bits().to_be_bytes());
            } else {
                write_str(out, n.as_str());
            }
        }
        (Type::List(el), Value::List(items)) | (Type::Set(el), Value::Set(items)) | (Type::Set(el), Value::List(items)) => {
            write_len(out, items.len(), 0x90, 15, 0xdc, 0xdd);
            for (i, x) in items.iter().enumerate() {
                write(out, x, el, &format!("{path}[{i}]"))?;
            }
        }
        (Type::Tuple(els), Value::Tuple(items)) if els.len() == items.len() => {
            write_len(out, items.len(), 0x90, 15, 0xdc, 0xdd);
            for (i, (x, t)) in items.iter().zip(els).enumerate() {
                write(out, x, t, &format!("{path}[{i}]"))?;
            }
        }
        (Type::Map(el), Value::Map(m)) => {
            write_len(out, m.len(), 0x80, 15, 0xde, 0xdf);
            for (k, x) in m {
                write_str(out, k);
                write(out, x, el, &format!("{path}[{k:?}]"))?;
            }
        }
        (Type::Object(attrs), Value::Object(m)) => {
            if let Some(extra) = m.keys().find(|k| !attrs.contains_key(*k)) {
                return err(path, format!("attribute {extra:?} is not in the schema"));
            }
            write_len(out, attrs.len(), 0x80, 15, 0xde, 0xdf);
            for (name, aty) in attrs {
                write_str(out, name);
                write(out, m.get(name).unwrap_or(&Value::Null), aty, &child(path, name))?;
            }
        }
        (Type::Dynamic, Value::Dynamic(t, inner)) => {
            out.push(0x92);
            write_bin(out, &t.to_json_bytes());
            write(out, inner, t, path)?;
        }
        (Type::Dynamic, other) => {
            // A value without its type: infer the simplest one.
            let t = infer_type(other);
            out.push(0x92);
            write_bin(out, &t.to_json_bytes());
            write(out, other, &t, path)?;
        }
        (t, Value::Dynamic(_, inner)) => write(out, inner, t, path)?,
        (t, other) => return err(path, format!("value {other:?} does not fit type {t}")),
    }
    Ok(())
}

/// The type a value most plausibly has (for dynamic attributes set without a type).
pub fn infer_type(v: &Value) -> Type {
    match v {
        Value::Null | Value::Unknown => Type::Dynamic,
        Value::Bool(_) => Type::Bool,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::String,
        Value::List(items) | Value::Tuple(items) => Type::Tuple(items.iter().map(infer_type).collect()),
        Value::Set(items) => Type::set(items.first().map(infer_type).unwrap_or(Type::Dynamic)),
        Value::Map(m) | Value::Object(m) => Type::Object(m.iter().map(|(k, x)| (k.clone(), infer_type(x))).collect()),
        Value::Dynamic(t, _) => t.clone(),
    }
}

// ---------------------------------------------------------------- JSON

/// Decodes a JSON value of type `ty` (raw state, `DynamicValue.json`). Object attributes missing
/// from the JSON are null; attributes the type does not have are ignored.
pub fn from_json(j: &Json, ty: &Type) -> Result<Value, CodecError> {
    json_typed(j, ty, "")
}

pub fn from_json_bytes(bytes: &[u8], ty: &Type) -> Result<Value, CodecError> {
    let j: Json = serde_json::from_slice(bytes).or_else(|e| err("", format!("not JSON: {e}")))?;
    from_json(&j, ty)
}

fn json_typed(j: &Json, ty: &Type, path: &str) -> Result<Value, CodecError> {
    if j.is_null() {
        return Ok(Value::Null);
    }
    match ty {
        Type::String => match j {
            Json::String(s) => Ok(Value::String(s.clone())),
            Json::Number(n) => Ok(Value::String(n.to_string())),
            Json::Bool(b) => Ok(Value::String(b.to_string())),
            _ => err(path, "expected a string"),
        },
        Type::Bool => match j {
            Json::Bool(b) => Ok(Value::Bool(*b)),
            Json::String(s) if s == "true" || s == "false" => Ok(Value::Bool(s == "true")),
            _ => err(path, "expected a bool"),
        },
        Type::Number => match j {
            Json::Number(n) => Number::parse(&n.to_string())
                .map(Value::Number)
                .ok_or_else(|| CodecError { path: path.into(), message: "bad number".into() }),
            Json::String(s) => Number::parse(s)
                .map(Value::Number)
                .ok_or_else(|| CodecError { path: path.into(), message: format!("{s:?} is not a number") }),
            _ => err(path, "expected a number"),
        },
        Type::List(el) | Type::Set(el) => match j {
            Json::Array(items) => {
                let vals =
                    items.iter().enumerate().map(|(i, x)| json_typed(x, el, &format!("{path}[{i}]"))).collect::<Result<Vec<_>, _>>()?;
                Ok(if matches!(ty, Type::List(_)) { Value::List(vals) } else { Value::Set(vals) })
            }
            _ => err(path, "expected an array"),
        },
        Type::Tuple(els) => match j {
            Json::Array(items) if items.len() == els.len() => Ok(Value::Tuple(
                items.iter().zip(els).enumerate().map(|(i, (x, t))| json_typed(x, t, &format!("{path}[{i}]"))).collect::<Result<_, _>>()?,
            )),
            _ => err(path, "expected a tuple array"),
        },
        Type::Map(el) => match j {
            Json::Object(m) => Ok(Value::Map(
                m.iter().map(|(k, x)| Ok((k.clone(), json_typed(x, el, &format!("{path}[{k:?}]"))?))).collect::<Result<_, CodecError>>()?,
            )),
            _ => err(path, "expected a map"),
        },
        Type::Object(attrs) => match j {
            Json::Object(m) => {
                let mut out = BTreeMap::new();
                for (name, aty) in attrs {
                    let v = match m.get(name) {
                        Some(x) => json_typed(x, aty, &child(path, name))?,
                        None => Value::Null,
                    };
                    out.insert(name.clone(), v);
                }
                Ok(Value::Object(out))
            }
            _ => err(path, "expected an object"),
        },
        Type::Dynamic => match j {
            Json::Object(m) if m.contains_key("type") && m.contains_key("value") => {
                let t = Type::from_json(&m["type"]).or_else(|e| err(path, e))?;
                Ok(Value::Dynamic(t.clone(), Box::new(json_typed(&m["value"], &t, path)?)))
            }
            other => {
                let v = json_untyped(other);
                Ok(Value::Dynamic(infer_type(&v), Box::new(v)))
            }
        },
    }
}

fn json_untyped(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Number::parse(&n.to_string()).map(Value::Number).unwrap_or(Value::Null),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(a) => Value::Tuple(a.iter().map(json_untyped).collect()),
        Json::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), json_untyped(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_extensions_0_and_12_read_as_unknown() {
        let t = Type::String;
        assert_eq!(from_msgpack(&[0xd4, 0, 0], &t).expect("ext 0"), Value::Unknown);
        // A refined unknown: ext 12 carrying a map {1: true} (not null).
        assert_eq!(from_msgpack(&[0xc7, 3, 12, 0x81, 0x01, 0xc3], &t).expect("ext 12"), Value::Unknown);
        assert_eq!(to_msgpack(&Value::Unknown, &t).expect("encode"), vec![0xd4, 0, 0]);
    }

    #[test]
    fn big_numbers_stay_exact() {
        let n = Value::Number(Number::parse("123456789012345678901234567890.5").expect("n"));
        let b = to_msgpack(&n, &Type::Number).expect("encode");
        assert_eq!(from_msgpack(&b, &Type::Number).expect("decode"), n);
    }
}
