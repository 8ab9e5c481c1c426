# Destination subscription 'Send 3' (3e3029213b4da99d7c4681c8:3KPoy96kXGJB38AY9hniS3)
import {
  to = segment_destination_subscription.id-3e3029213b4da99d7c4681c8_3KPoy96kXGJB38AY9hniS3
  id = "3e3029213b4da99d7c4681c8:3KPoy96kXGJB38AY9hniS3"
}

resource "segment_destination_subscription" "id-3e3029213b4da99d7c4681c8_3KPoy96kXGJB38AY9hniS3" {
  action_id            = "yKTh1DQFBPu6icfi9xxNXN"
  destination_id       = segment_destination.id-3e3029213b4da99d7c4681c8.id
  enabled              = true
  model_id             = null
  name                 = "Send 3"
  reverse_etl_schedule = null
  settings = jsonencode({
    userId = {
      "@path" = "$.userId"
    }
  })
  settings_wo_version = null
  trigger             = "type = \"track\" or type = \"identify\""
}
