# Destination 'Growth HubSpot 6' (be2803d350576b5b43f55a14): HubSpot destination
# Refers by id to Source F7zybbatWdCfnBv9yxsCyh, managed in the root sources/.
import {
  to = segment_destination.id-be2803d350576b5b43f55a14
  id = "be2803d350576b5b43f55a14"
}

resource "segment_destination" "id-be2803d350576b5b43f55a14" {
  enabled = false
  metadata = {
    id = "b64821f64a1c337b29f856d0"
  }
  name = "Growth HubSpot 6"
  settings = jsonencode({
    portalId = "growth-0"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_be2803d350576b5b43f55a14_apikey
  })
  settings_wo_version = null
  source_id           = "F7zybbatWdCfnBv9yxsCyh"
}
