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

resource "segment_reverse_etl_model" "active_users" {
  source_id               = segment_source.web.id
  name                    = "Active users"
  description             = "Users seen in the last 30 days"
  enabled                 = true
  query                   = "SELECT id, email FROM users WHERE last_seen > now() - interval '30 days'"
  query_identifier_column = "id"
}
