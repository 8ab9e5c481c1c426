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

