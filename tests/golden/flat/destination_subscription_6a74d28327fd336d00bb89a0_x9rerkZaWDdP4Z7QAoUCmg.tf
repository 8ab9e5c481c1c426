import {
  to = segment_destination_subscription.id-6a74d28327fd336d00bb89a0_x9rerkZaWDdP4Z7QAoUCmg
  id = "6a74d28327fd336d00bb89a0:x9rerkZaWDdP4Z7QAoUCmg"
}

resource "segment_destination_subscription" "id-6a74d28327fd336d00bb89a0_x9rerkZaWDdP4Z7QAoUCmg" {
  action_id            = "yKTh1DQFBPu6icfi9xxNXN"
  destination_id       = segment_destination.id-6a74d28327fd336d00bb89a0.id
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
