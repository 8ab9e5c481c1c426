variable "space_id" {
  type        = string
  description = "The space whose profiles are synced."
}

data "segment_warehouse_metadata" "snowflake" {
  slug = "snowflake"
}

resource "segment_profiles_warehouse" "profiles" {
  space_id    = var.space_id
  metadata_id = data.segment_warehouse_metadata.snowflake.id
  name        = "Profiles"
  enabled     = true
  schema_name = "profiles"
  settings    = jsonencode({ account = "acme", database = "PROFILES" })
}
