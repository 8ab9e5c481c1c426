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

data "segment_destination_metadata" "amplitude" {
  slug = "actions-amplitude"
}

resource "segment_destination" "amplitude" {
  enabled   = true
  source_id = segment_source.web.id
  metadata  = { id = data.segment_destination_metadata.amplitude.id }
  settings  = jsonencode({})
}

resource "segment_destination_subscription" "log_events" {
  destination_id = segment_destination.amplitude.id
  name           = "Log events"
  enabled        = true
  action_id      = data.segment_destination_metadata.amplitude.actions[0].id
  trigger        = "type = \"track\""
  settings = jsonencode({
    userId = { "@path" = "$.userId" }
  })
}
