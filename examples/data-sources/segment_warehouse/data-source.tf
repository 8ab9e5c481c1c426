data "segment_warehouse_metadata" "postgres" {
  slug = "postgres"
}

resource "segment_warehouse" "analytics" {
  name     = "Analytics"
  metadata = { id = data.segment_warehouse_metadata.postgres.id }
  settings = jsonencode({ hostname = "db.internal" })
}

data "segment_warehouse" "analytics" {
  name = segment_warehouse.analytics.name
}

output "warehouse_id" {
  value = data.segment_warehouse.analytics.id
}
