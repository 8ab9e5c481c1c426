# Source tracking plan connection 'billing-node-js-4 → Billing plan 4' (nfYKGAesLp7dfHqR9qXhxn:tp_PqMhxlpqEPkSJZr7aEEfj47qz44)
# Refers by id to Source nfYKGAesLp7dfHqR9qXhxn, managed in the root sources/.
# Refers by id to Tracking plan tp_PqMhxlpqEPkSJZr7aEEfj47qz44, managed in the root tracking_plans/.
import {
  to = segment_source_tracking_plan_connection.id-nfYKGAesLp7dfHqR9qXhxn_tp_PqMhxlpqEPkSJZr7aEEfj47qz44
  id = "nfYKGAesLp7dfHqR9qXhxn:tp_PqMhxlpqEPkSJZr7aEEfj47qz44"
}

resource "segment_source_tracking_plan_connection" "id-nfYKGAesLp7dfHqR9qXhxn_tp_PqMhxlpqEPkSJZr7aEEfj47qz44" {
  schema_settings  = null
  source_id        = "nfYKGAesLp7dfHqR9qXhxn"
  tracking_plan_id = "tp_PqMhxlpqEPkSJZr7aEEfj47qz44"
}
