//! `list "segment_*"` blocks for `terraform query`: one list resource per resource type, all
//! reading the workspace through [`crate::inventory`].

use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, ListItem, ListResource, Schema, Value};

use crate::api::{Api, OrDiag};
use crate::inventory;

pub struct Listing {
    pub api: Api,
    pub type_name: &'static str,
}

#[async_trait]
impl ListResource for Listing {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn schema(&self) -> Schema {
        if self.type_name == super::profiles_warehouse::TYPE {
            return Schema::new(
                0,
                Block::new(vec![Attribute::string("space_id").required().describe("The space whose profiles warehouses to list.")]),
            );
        }
        Schema::new(0, Block::new(vec![]))
    }

    async fn list(&self, _ctx: &Ctx, config: &Value, include_object: bool, limit: i64) -> Result<Vec<ListItem>, Diagnostics> {
        let c = self.api.client()?;
        let spaces: Vec<String> = config.get("space_id").as_str().map(|s| vec![s.to_string()]).unwrap_or_default();
        let items = inventory::list(c, self.type_name, &spaces).await.or_diag(&format!("list {}", self.type_name))?;
        Ok(items
            .into_iter()
            .take(if limit > 0 { limit as usize } else { usize::MAX })
            .map(|i| ListItem { identity: i.identity, display_name: i.display, object: include_object.then_some(i.state) })
            .collect())
    }
}
