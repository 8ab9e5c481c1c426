//! `list "segment_*"` blocks for `terraform query`: one list resource per resource type, all
//! reading the workspace through [`crate::inventory`].

use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, ListItem, ListResource, Schema, Value};

use crate::api::{Api, OrDiag};
use crate::kind::Kind;

pub struct Listing {
    pub api: Api,
    pub kind: &'static Kind,
}

#[async_trait]
impl ListResource for Listing {
    fn type_name(&self) -> &str {
        self.kind.type_name
    }

    fn schema(&self) -> Schema {
        if let Some((scope, what)) = self.kind.list_scope {
            return Schema::new(0, Block::new(vec![Attribute::string(scope).required().describe(what)]));
        }
        Schema::new(0, Block::new(vec![]))
    }

    async fn list(&self, _ctx: &Ctx, config: &Value, include_object: bool, limit: i64) -> Result<Vec<ListItem>, Diagnostics> {
        let c = self.api.client()?;
        let scopes: Vec<String> =
            self.kind.list_scope.and_then(|(s, _)| config.get(s).as_str()).map(|s| vec![s.to_string()]).unwrap_or_default();
        let items = (self.kind.list)(c, &scopes).await.or_diag(&format!("list {}", self.kind.type_name))?;
        Ok(items
            .into_iter()
            .take(if limit > 0 { limit as usize } else { usize::MAX })
            .map(|i| ListItem { identity: i.identity, display_name: i.display, object: include_object.then_some(i.state) })
            .collect())
    }
}
