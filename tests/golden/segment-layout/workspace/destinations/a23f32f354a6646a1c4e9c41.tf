# Destination 'Billing Intercom 4' (a23f32f354a6646a1c4e9c41): Intercom destination
# Refers by id to Source nfYKGAesLp7dfHqR9qXhxn, managed in the root sources/.
import {
  to = segment_destination.id-a23f32f354a6646a1c4e9c41
  id = "a23f32f354a6646a1c4e9c41"
}

resource "segment_destination" "id-a23f32f354a6646a1c4e9c41" {
  enabled = true
  metadata = {
    id = "5bb4c575748c18edf1acf462"
  }
  name = "Billing Intercom 4"
  settings = jsonencode({
    appId = "billing-1"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_a23f32f354a6646a1c4e9c41_apikey
  })
  settings_wo_version = null
  source_id           = "nfYKGAesLp7dfHqR9qXhxn"
}
