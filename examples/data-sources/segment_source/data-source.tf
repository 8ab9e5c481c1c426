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

# Look a source up by slug (or id, or name).
data "segment_source" "web" {
  slug = segment_source.web.slug
}

output "write_keys" {
  value     = data.segment_source.web.write_keys
  sensitive = true
}
