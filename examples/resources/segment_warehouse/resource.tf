data "segment_warehouse_metadata" "postgres" {
  slug = "postgres"
}

resource "segment_warehouse" "analytics" {
  name     = "Analytics"
  enabled  = true
  metadata = { id = data.segment_warehouse_metadata.postgres.id }
  settings = jsonencode({
    hostname = "db.internal"
    port     = 5432
    database = "events"
    username = "loader"
  })
  settings_wo = jsonencode({ password = "example-password" })
}
