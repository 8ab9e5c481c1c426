//! Schemas: attributes (plain and nested), blocks, and the plan behaviour attached to them.

use std::sync::Arc;

use crate::diagnostics::{AttrPath, Diagnostic, Diagnostics};
use crate::proto::tfplugin6 as pb;
use crate::value::{Type, Value};

/// How nested attributes or blocks repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    Single,
    List,
    Set,
    Map,
}

/// A check of a configured value: `Err(detail)` becomes an error diagnostic on the attribute.
pub type Check = Arc<dyn Fn(&Value) -> Result<(), String> + Send + Sync>;

#[derive(Clone)]
pub enum AttrKind {
    Plain(Type),
    Nested(Nesting, Vec<Attribute>),
}

#[derive(Clone)]
pub struct Attribute {
    pub name: String,
    pub kind: AttrKind,
    pub description: String,
    pub required: bool,
    pub optional: bool,
    pub computed: bool,
    pub sensitive: bool,
    pub write_only: bool,
    /// What to write instead of a write-only attribute on a Terraform without write-only
    /// attributes (before 1.11), for the error that refuses it there.
    pub write_only_instead: Option<String>,
    pub deprecation: Option<String>,
    /// A change plans a replacement.
    pub requires_replace: bool,
    /// When not configured, keep the prior value on update instead of planning it unknown.
    pub use_state_for_unknown: bool,
    /// A string holding JSON, compared semantically.
    pub json: bool,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub checks: Vec<Check>,
}

impl std::fmt::Debug for Attribute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attribute").field("name", &self.name).field("type", &self.ty()).finish_non_exhaustive()
    }
}

impl Attribute {
    fn new(name: &str, kind: AttrKind) -> Self {
        Attribute {
            name: name.to_string(),
            kind,
            description: String::new(),
            required: false,
            optional: false,
            computed: false,
            sensitive: false,
            write_only: false,
            write_only_instead: None,
            deprecation: None,
            requires_replace: false,
            use_state_for_unknown: false,
            json: false,
            min_items: None,
            max_items: None,
            checks: Vec::new(),
        }
    }

    pub fn string(name: &str) -> Self {
        Self::new(name, AttrKind::Plain(Type::String))
    }
    pub fn bool(name: &str) -> Self {
        Self::new(name, AttrKind::Plain(Type::Bool))
    }
    pub fn number(name: &str) -> Self {
        Self::new(name, AttrKind::Plain(Type::Number))
    }
    pub fn dynamic(name: &str) -> Self {
        Self::new(name, AttrKind::Plain(Type::Dynamic))
    }
    pub fn list(name: &str, element: Type) -> Self {
        Self::new(name, AttrKind::Plain(Type::list(element)))
    }
    pub fn set(name: &str, element: Type) -> Self {
        Self::new(name, AttrKind::Plain(Type::set(element)))
    }
    pub fn map(name: &str, element: Type) -> Self {
        Self::new(name, AttrKind::Plain(Type::map(element)))
    }
    /// A string attribute holding JSON (compared semantically, usually set with `jsonencode`).
    pub fn json(name: &str) -> Self {
        let mut a = Self::string(name);
        a.json = true;
        a
    }
    pub fn nested(name: &str, nesting: Nesting, attributes: Vec<Attribute>) -> Self {
        Self::new(name, AttrKind::Nested(nesting, attributes))
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
    pub fn computed(mut self) -> Self {
        self.computed = true;
        self
    }
    pub fn optional_computed(self) -> Self {
        self.optional().computed()
    }
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }
    /// Never stored in plan or state (Terraform 1.11+); implies optional.
    pub fn write_only(mut self) -> Self {
        self.write_only = true;
        if !self.required {
            self.optional = true;
        }
        self
    }
    /// What a configuration on a Terraform before 1.11 writes instead of this write-only
    /// attribute (said in the error that refuses it there).
    pub fn instead_before_write_only(mut self, advice: &str) -> Self {
        self.write_only_instead = Some(advice.to_string());
        self
    }
    pub fn deprecated(mut self, message: &str) -> Self {
        self.deprecation = Some(message.to_string());
        self
    }
    pub fn requires_replace(mut self) -> Self {
        self.requires_replace = true;
        self
    }
    pub fn use_state_for_unknown(mut self) -> Self {
        self.use_state_for_unknown = true;
        self
    }
    pub fn describe(mut self, markdown: &str) -> Self {
        self.description = markdown.to_string();
        self
    }
    pub fn min_items(mut self, n: usize) -> Self {
        self.min_items = Some(n);
        self
    }
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }
    pub fn check(mut self, f: impl Fn(&Value) -> Result<(), String> + Send + Sync + 'static) -> Self {
        self.checks.push(Arc::new(f));
        self
    }
    /// The value must be one of `allowed`.
    pub fn one_of(self, allowed: &'static [&'static str]) -> Self {
        self.check(move |v| match v.as_str() {
            Some(s) if !allowed.contains(&s) => Err(format!("Expected one of {}, got {s:?}.", allowed.join(", "))),
            _ => Ok(()),
        })
    }

    /// The cty type of values of this attribute.
    pub fn ty(&self) -> Type {
        match &self.kind {
            AttrKind::Plain(t) => t.clone(),
            AttrKind::Nested(n, attrs) => {
                let obj = Type::Object(attrs.iter().map(|a| (a.name.clone(), a.ty())).collect());
                match n {
                    Nesting::Single => obj,
                    Nesting::List => Type::list(obj),
                    Nesting::Set => Type::set(obj),
                    Nesting::Map => Type::map(obj),
                }
            }
        }
    }

    /// True when this attribute only reports values (never configured).
    pub fn computed_only(&self) -> bool {
        self.computed && !self.optional && !self.required
    }

    fn to_proto(&self) -> pb::schema::Attribute {
        let (ty, nested) = match &self.kind {
            AttrKind::Plain(t) => (t.to_json_bytes(), None),
            AttrKind::Nested(n, attrs) => (
                Vec::new(),
                Some(pb::schema::Object {
                    attributes: attrs.iter().map(Attribute::to_proto).collect(),
                    nesting: match n {
                        Nesting::Single => pb::schema::object::NestingMode::Single,
                        Nesting::List => pb::schema::object::NestingMode::List,
                        Nesting::Set => pb::schema::object::NestingMode::Set,
                        Nesting::Map => pb::schema::object::NestingMode::Map,
                    } as i32,
                    min_items: 0,
                    max_items: 0,
                }),
            ),
        };
        pb::schema::Attribute {
            name: self.name.clone(),
            r#type: ty,
            nested_type: nested,
            description: self.description.clone(),
            required: self.required,
            optional: self.optional,
            computed: self.computed,
            sensitive: self.sensitive,
            description_kind: pb::StringKind::Markdown as i32,
            deprecated: self.deprecation.is_some(),
            write_only: self.write_only,
            deprecation_message: self.deprecation.clone().unwrap_or_default(),
        }
    }
}

/// A nested block (`name { … }` in HCL).
#[derive(Debug, Clone)]
pub struct NestedBlock {
    pub name: String,
    pub nesting: Nesting,
    pub block: Block,
    pub min_items: i64,
    pub max_items: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<NestedBlock>,
    pub description: String,
    pub deprecated: bool,
}

impl Block {
    pub fn new(attributes: Vec<Attribute>) -> Self {
        Block { attributes, ..Default::default() }
    }

    pub fn describe(mut self, markdown: &str) -> Self {
        self.description = markdown.to_string();
        self
    }

    pub fn ty(&self) -> Type {
        let mut attrs: std::collections::BTreeMap<String, Type> = self.attributes.iter().map(|a| (a.name.clone(), a.ty())).collect();
        for b in &self.blocks {
            let obj = b.block.ty();
            attrs.insert(
                b.name.clone(),
                match b.nesting {
                    Nesting::Single => obj,
                    Nesting::List => Type::list(obj),
                    Nesting::Set => Type::set(obj),
                    Nesting::Map => Type::map(obj),
                },
            );
        }
        Type::Object(attrs)
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    fn to_proto(&self, version: i64) -> pb::schema::Block {
        pb::schema::Block {
            version,
            attributes: self.attributes.iter().map(Attribute::to_proto).collect(),
            block_types: self
                .blocks
                .iter()
                .map(|b| pb::schema::NestedBlock {
                    type_name: b.name.clone(),
                    block: Some(b.block.to_proto(0)),
                    nesting: match b.nesting {
                        Nesting::Single => pb::schema::nested_block::NestingMode::Single,
                        Nesting::List => pb::schema::nested_block::NestingMode::List,
                        Nesting::Set => pb::schema::nested_block::NestingMode::Set,
                        Nesting::Map => pb::schema::nested_block::NestingMode::Map,
                    } as i32,
                    min_items: b.min_items,
                    max_items: b.max_items,
                })
                .collect(),
            description: self.description.clone(),
            description_kind: pb::StringKind::Markdown as i32,
            deprecated: self.deprecated,
            deprecation_message: String::new(),
        }
    }
}

/// A versioned schema of a resource, data source, list resource or provider.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub version: i64,
    pub block: Block,
}

impl Schema {
    pub fn new(version: i64, block: Block) -> Self {
        Schema { version, block }
    }

    pub fn ty(&self) -> Type {
        self.block.ty()
    }

    pub fn to_proto(&self) -> pb::Schema {
        pb::Schema { version: self.version, block: Some(self.block.to_proto(self.version)) }
    }

    /// Runs the attribute checks and item limits over a configuration.
    pub fn validate(&self, config: &Value) -> Diagnostics {
        let mut d = Diagnostics::new();
        validate_attrs(&self.block.attributes, config, &AttrPath::root(), &mut d);
        d
    }
}

/// The first Terraform release with write-only attributes.
pub const WRITE_ONLY_SINCE: &str = "1.11";

/// Errors for write-only attributes set in a configuration on a Terraform that cannot take them
/// (it sends no `write_only_attributes_allowed` capability; before 1.11 it would otherwise fail
/// later with "Provider produced invalid plan … sensitive planned value does not match config
/// value"). One error per attribute, at its path, saying which version it needs and what to
/// write instead.
pub fn write_only_refused(attrs: &[Attribute], obj: &Value, path: &AttrPath) -> Diagnostics {
    let mut d = Diagnostics::new();
    for a in attrs {
        let v = obj.get(&a.name);
        if v.is_null() {
            continue;
        }
        let p = path.then(&a.name);
        if a.write_only {
            let instead = a.write_only_instead.as_deref().map(|s| format!(" On this Terraform, {s}")).unwrap_or_default();
            d.error_at(
                p,
                format!("{} needs Terraform {WRITE_ONLY_SINCE} or later", a.name),
                format!("`{}` is a write-only attribute; this Terraform does not support write-only attributes (they arrived in Terraform {WRITE_ONLY_SINCE}). Upgrade Terraform, or leave it unset.{instead}", a.name),
            );
        } else if let AttrKind::Nested(Nesting::Single, sub) = &a.kind {
            d.extend(write_only_refused(sub, v, &p));
        }
    }
    d
}

fn validate_attrs(attrs: &[Attribute], obj: &Value, path: &AttrPath, d: &mut Diagnostics) {
    for a in attrs {
        let v = obj.get(&a.name);
        let p = path.then(&a.name);
        if v.is_null() || v.is_unknown() {
            continue;
        }
        // Terraform leaves deprecation warnings to the provider (as the plugin SDKs do).
        if let Some(msg) = &a.deprecation {
            d.push(Diagnostic::warning("Argument is deprecated", msg.clone()).at(p.clone()));
        }
        let is_collection = v.as_elements().is_some() || matches!(v, Value::Map(_));
        if let Some(items) = is_collection.then(|| count(v)) {
            if let Some(max) = a.max_items.filter(|m| items > *m) {
                d.error_at(p.clone(), "Too Many Items", format!("Attribute {p} holds {items} items; at most {max} are allowed."));
            }
            if let Some(min) = a.min_items.filter(|m| items < *m) {
                d.error_at(p.clone(), "Too Few Items", format!("Attribute {p} holds {items} items; at least {min} are required."));
            }
        }
        if a.json {
            if let Some(s) = v.as_str() {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(s) {
                    d.error_at(
                        p.clone(),
                        "Invalid JSON",
                        format!("Attribute {p} must hold JSON (for example written with jsonencode()), but it does not parse: {e}."),
                    );
                }
            }
        }
        for c in &a.checks {
            if let Err(detail) = c(v) {
                d.error_at(p.clone(), "Invalid Attribute Value", format!("Attribute {p}: {detail}"));
            }
        }
        if let AttrKind::Nested(n, sub) = &a.kind {
            match (n, v) {
                (Nesting::Single, o) => validate_attrs(sub, o, &p, d),
                (Nesting::List | Nesting::Set, Value::List(items) | Value::Set(items)) => {
                    for (i, it) in items.iter().enumerate() {
                        validate_attrs(sub, it, &p.index(i), d);
                    }
                }
                (Nesting::Map, Value::Map(m)) => {
                    for (k, it) in m {
                        validate_attrs(sub, it, &p.key(k), d);
                    }
                }
                _ => {}
            }
        }
    }
}

fn count(v: &Value) -> usize {
    v.as_elements().map(<[Value]>::len).or_else(|| v.as_attrs().map(|m| m.len())).unwrap_or(0)
}

/// The identity schema of a resource type.
#[derive(Debug, Clone, Default)]
pub struct IdentitySchema {
    pub version: i64,
    /// (name, type, required for import, description)
    pub attributes: Vec<(String, Type, bool, String)>,
}

impl IdentitySchema {
    pub fn ty(&self) -> Type {
        Type::Object(self.attributes.iter().map(|(n, t, _, _)| (n.clone(), t.clone())).collect())
    }

    pub fn to_proto(&self) -> pb::ResourceIdentitySchema {
        pb::ResourceIdentitySchema {
            version: self.version,
            identity_attributes: self
                .attributes
                .iter()
                .map(|(n, t, req, desc)| pb::resource_identity_schema::IdentityAttribute {
                    name: n.clone(),
                    r#type: t.to_json_bytes(),
                    required_for_import: *req,
                    optional_for_import: !*req,
                    description: desc.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deprecated_attribute_set_in_config_warns_at_its_path() {
        let s = Schema::new(
            0,
            Block::new(vec![Attribute::string("old").optional().deprecated("Use `new`."), Attribute::string("new").optional()]),
        );
        let d = s.validate(&Value::object([("old", Value::from("x")), ("new", Value::Null)]));
        assert_eq!(d.0.len(), 1, "{d:?}");
        assert_eq!(d.0[0].severity, crate::diagnostics::Severity::Warning);
        assert_eq!(d.0[0].detail, "Use `new`.");
        assert!(s.validate(&Value::object([("old", Value::Null), ("new", Value::from("y"))])).is_empty());
    }

    #[test]
    fn a_write_only_attribute_is_refused_where_terraform_cannot_take_it() {
        let attrs = vec![
            Attribute::string("plain").optional(),
            Attribute::string("secret_wo").write_only().instead_before_write_only("use `secret` instead."),
        ];
        let set = Value::object([("plain", Value::from("a")), ("secret_wo", Value::from("s3cr3t"))]);
        let d = write_only_refused(&attrs, &set, &AttrPath::root());
        assert_eq!(d.0.len(), 1, "{d:?}");
        assert_eq!(d.0[0].severity, crate::diagnostics::Severity::Error);
        assert_eq!(d.0[0].summary, "secret_wo needs Terraform 1.11 or later");
        assert!(d.0[0].detail.ends_with("On this Terraform, use `secret` instead."), "{}", d.0[0].detail);
        assert!(!d.0[0].detail.contains("s3cr3t"));
        assert_eq!(d.0[0].path, Some(AttrPath::attr("secret_wo")));
        let unset = Value::object([("plain", Value::from("a")), ("secret_wo", Value::Null)]);
        assert!(write_only_refused(&attrs, &unset, &AttrPath::root()).is_empty());
    }
}
