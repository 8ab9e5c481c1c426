import {
  to = segment_destination_subscription.id-1bbb775a2e7cf4287c75fa77_UpMo6t5uaAC3T7D3tpeEuN
  id = "1bbb775a2e7cf4287c75fa77:UpMo6t5uaAC3T7D3tpeEuN"
}

resource "segment_destination_subscription" "id-1bbb775a2e7cf4287c75fa77_UpMo6t5uaAC3T7D3tpeEuN" {
  action_id      = "xPRpa4Geb268N1QgQUC8kf"
  destination_id = segment_destination.id-1bbb775a2e7cf4287c75fa77.id
  enabled        = true
  model_id       = segment_reverse_etl_model.id-1rohVBR3PV1ghWn4XrnJEt.id
  name           = "Update User Profile 2"
  reverse_etl_schedule = {
    config = jsonencode({
      interval = "1d"
    })
    strategy = "PERIODIC"
  }
  settings = jsonencode({
    userId = {
      "@path" = "$.userId"
    }
  })
  settings_wo_version = null
  trigger             = "type = \"identify\""
}
