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

resource "segment_tracking_plan" "web" {
  name        = "Web"
  description = "Events of the website"
  type        = "LIVE"
  rules = [
    {
      type    = "TRACK"
      key     = "Signed Up"
      version = 1
      json_schema = jsonencode({
        type       = "object"
        properties = { properties = { type = "object", required = ["plan"] } }
      })
    },
    {
      type        = "IDENTIFY"
      version     = 1
      json_schema = jsonencode({ type = "object" })
    },
  ]
}

resource "segment_source_tracking_plan_connection" "web" {
  source_id        = segment_source.web.id
  tracking_plan_id = segment_tracking_plan.web.id
  schema_settings = {
    track = {
      allow_unplanned_events     = false
      common_event_on_violations = "ALLOW"
    }
  }
}
