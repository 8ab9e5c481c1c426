resource "segment_tracking_plan" "web" {
  name  = "Web"
  type  = "LIVE"
  rules = [{ type = "TRACK", key = "Signed Up", version = 1, json_schema = jsonencode({ type = "object" }) }]
}

data "segment_tracking_plan" "web" {
  name = segment_tracking_plan.web.name
}

output "rule_keys" {
  value = [for r in data.segment_tracking_plan.web.rules : r.key]
}
