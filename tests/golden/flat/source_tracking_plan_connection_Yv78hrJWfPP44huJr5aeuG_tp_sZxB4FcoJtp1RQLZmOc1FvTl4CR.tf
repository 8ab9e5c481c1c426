import {
  to = segment_source_tracking_plan_connection.id-Yv78hrJWfPP44huJr5aeuG_tp_sZxB4FcoJtp1RQLZmOc1FvTl4CR
  id = "Yv78hrJWfPP44huJr5aeuG:tp_sZxB4FcoJtp1RQLZmOc1FvTl4CR"
}

resource "segment_source_tracking_plan_connection" "id-Yv78hrJWfPP44huJr5aeuG_tp_sZxB4FcoJtp1RQLZmOc1FvTl4CR" {
  schema_settings = {
    forwarding_blocked_events_to = null
    forwarding_violations_to     = null
    group                        = null
    identify                     = null
    track = {
      allow_event_on_violations        = null
      allow_properties_on_violations   = null
      allow_unplanned_event_properties = null
      allow_unplanned_events           = false
      common_event_on_violations       = "ALLOW"
    }
  }
  source_id        = segment_source.id-Yv78hrJWfPP44huJr5aeuG.id
  tracking_plan_id = segment_tracking_plan.id-tp_sZxB4FcoJtp1RQLZmOc1FvTl4CR.id
}
