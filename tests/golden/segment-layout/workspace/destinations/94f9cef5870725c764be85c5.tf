# Destination 'Billing Slack 4' (94f9cef5870725c764be85c5): Slack destination
# Refers by id to Source nfYKGAesLp7dfHqR9qXhxn, managed in the root sources/.
import {
  to = segment_destination.id-94f9cef5870725c764be85c5
  id = "94f9cef5870725c764be85c5"
}

resource "segment_destination" "id-94f9cef5870725c764be85c5" {
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
    incomingWebhookUrl = var.destination_94f9cef5870725c764be85c5_incomingwebhookurl
  })
  settings_wo_version = null
  source_id           = "nfYKGAesLp7dfHqR9qXhxn"
}
