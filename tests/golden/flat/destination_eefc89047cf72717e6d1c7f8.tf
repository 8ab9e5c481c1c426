import {
  to = segment_destination.id-eefc89047cf72717e6d1c7f8
  id = "eefc89047cf72717e6d1c7f8"
}

resource "segment_destination" "id-eefc89047cf72717e6d1c7f8" {
  enabled = true
  metadata = {
    id = "5bb4c575748c18edf1acf462"
  }
  name = "Billing Intercom 4"
  settings = jsonencode({
    appId = "billing-1"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_eefc89047cf72717e6d1c7f8_apikey
  })
  settings_wo_version = null
  source_id           = segment_source.id-mzARmshMfG2dVHZb31M9Ac.id
}
