# Destination 'Ios Amplitude (Actions) 1' (73e2df46b0e7da38a1440f6e): Amplitude (Actions) destination
# Refers by id to Source fQoyhgkQnxbTEEtALgcUBD, managed in the root sources/.
import {
  to = segment_destination.id-73e2df46b0e7da38a1440f6e
  id = "73e2df46b0e7da38a1440f6e"
}

resource "segment_destination" "id-73e2df46b0e7da38a1440f6e" {
  enabled = true
  metadata = {
    id = "95e0a7e91b4d3e93e97536e2"
  }
  name = "Ios Amplitude (Actions) 1"
  settings = jsonencode({
    endpoint = "ios-0"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_73e2df46b0e7da38a1440f6e_apikey
  })
  settings_wo_version = null
  source_id           = "fQoyhgkQnxbTEEtALgcUBD"
}
