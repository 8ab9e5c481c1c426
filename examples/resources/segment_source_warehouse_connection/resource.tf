data "segment_source_metadata" "javascript" {
  slug = "javascript"
}

resource "segment_source" "web" {
  slug     = "web"
  name     = "Website"
  enabled  = true
  metadata = { id = data.segment_source_metadata.javascript.id }
  settings = jsonencode({})
}

data "segment_warehouse_metadata" "postgres" {
  slug = "postgres"
}

resource "segment_warehouse" "analytics" {
  name     = "Analytics"
  metadata = { id = data.segment_warehouse_metadata.postgres.id }
  settings = jsonencode({ hostname = "db.internal" })
}

resource "segment_source_warehouse_connection" "web_to_analytics" {
  source_id    = segment_source.web.id
  warehouse_id = segment_warehouse.analytics.id
}
