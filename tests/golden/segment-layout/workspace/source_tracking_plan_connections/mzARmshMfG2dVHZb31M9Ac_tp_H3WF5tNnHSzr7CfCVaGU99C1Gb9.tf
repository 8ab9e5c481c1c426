import {
  to = segment_source_tracking_plan_connection.id-mzARmshMfG2dVHZb31M9Ac_tp_H3WF5tNnHSzr7CfCVaGU99C1Gb9
  id = "mzARmshMfG2dVHZb31M9Ac:tp_H3WF5tNnHSzr7CfCVaGU99C1Gb9"
}

resource "segment_source_tracking_plan_connection" "id-mzARmshMfG2dVHZb31M9Ac_tp_H3WF5tNnHSzr7CfCVaGU99C1Gb9" {
  schema_settings  = null
  source_id        = "mzARmshMfG2dVHZb31M9Ac"
  tracking_plan_id = "tp_H3WF5tNnHSzr7CfCVaGU99C1Gb9"
}
