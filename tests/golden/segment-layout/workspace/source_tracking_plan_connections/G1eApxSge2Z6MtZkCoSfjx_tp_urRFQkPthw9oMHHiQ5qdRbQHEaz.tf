# Source tracking plan connection 'web-javascript-0 → Web plan 0' (G1eApxSge2Z6MtZkCoSfjx:tp_urRFQkPthw9oMHHiQ5qdRbQHEaz)
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
# Refers by id to Tracking plan tp_urRFQkPthw9oMHHiQ5qdRbQHEaz, managed in the root tracking_plans/.
import {
  to = segment_source_tracking_plan_connection.id-G1eApxSge2Z6MtZkCoSfjx_tp_urRFQkPthw9oMHHiQ5qdRbQHEaz
  id = "G1eApxSge2Z6MtZkCoSfjx:tp_urRFQkPthw9oMHHiQ5qdRbQHEaz"
}

resource "segment_source_tracking_plan_connection" "id-G1eApxSge2Z6MtZkCoSfjx_tp_urRFQkPthw9oMHHiQ5qdRbQHEaz" {
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
  source_id        = "G1eApxSge2Z6MtZkCoSfjx"
  tracking_plan_id = "tp_urRFQkPthw9oMHHiQ5qdRbQHEaz"
}
