import {
  to = segment_destination.id-a640ae6e91f77bec3b6faace
  id = "a640ae6e91f77bec3b6faace"
}

resource "segment_destination" "id-a640ae6e91f77bec3b6faace" {
  enabled = false
  metadata = {
    id = "1528b8b28b383d13bb993720"
  }
  name = "Billing Slack 4"
  settings = jsonencode({
    channels = {
      "Order Completed" = "#orders"
    }
  })
  settings_wo = jsonencode({
    incomingWebhookUrl = var.destination_a640ae6e91f77bec3b6faace_incomingwebhookurl
  })
  settings_wo_version = null
  source_id           = segment_source.id-mzARmshMfG2dVHZb31M9Ac.id
}
