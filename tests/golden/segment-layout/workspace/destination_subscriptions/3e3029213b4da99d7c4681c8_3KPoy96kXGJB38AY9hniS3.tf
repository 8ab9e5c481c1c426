# Destination subscription 'Send 3' (3e3029213b4da99d7c4681c8:3KPoy96kXGJB38AY9hniS3)
# Refers by id to Destination 3e3029213b4da99d7c4681c8, managed in the root destinations/.
import {
  to = segment_destination_subscription.id-3e3029213b4da99d7c4681c8_3KPoy96kXGJB38AY9hniS3
  id = "3e3029213b4da99d7c4681c8:3KPoy96kXGJB38AY9hniS3"
}

resource "segment_destination_subscription" "id-3e3029213b4da99d7c4681c8_3KPoy96kXGJB38AY9hniS3" {
  action_id            = "yKTh1DQFBPu6icfi9xxNXN"
  destination_id       = "3e3029213b4da99d7c4681c8"
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
