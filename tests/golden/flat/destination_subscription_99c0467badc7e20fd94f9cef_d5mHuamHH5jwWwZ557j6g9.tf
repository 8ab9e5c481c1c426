import {
  to = segment_destination_subscription.id-99c0467badc7e20fd94f9cef_d5mHuamHH5jwWwZ557j6g9
  id = "99c0467badc7e20fd94f9cef:d5mHuamHH5jwWwZ557j6g9"
}

resource "segment_destination_subscription" "id-99c0467badc7e20fd94f9cef_d5mHuamHH5jwWwZ557j6g9" {
  action_id            = "hWsk4tMBXqZT1UZuekSxxN"
  destination_id       = segment_destination.id-99c0467badc7e20fd94f9cef.id
  enabled              = true
  model_id             = null
  name                 = "Log Event 1"
  reverse_etl_schedule = null
  settings = jsonencode({
    userId = {
      "@path" = "$.userId"
    }
  })
  settings_wo_version = null
  trigger             = "type = \"track\""
}
