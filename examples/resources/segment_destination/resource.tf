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

data "segment_destination_metadata" "webhooks" {
  slug = "webhooks"
}

resource "segment_destination" "hooks" {
  name      = "Webhooks"
  enabled   = true
  source_id = segment_source.web.id
  metadata  = { id = data.segment_destination_metadata.webhooks.id }
  settings = jsonencode({
    webhooks = ["https://hooks.example.com/segment"]
  })
}

