import {
  to = segment_destination.id-95441de786853f16e2f57d03
  id = "95441de786853f16e2f57d03"
}

resource "segment_destination" "id-95441de786853f16e2f57d03" {
  enabled = false
  metadata = {
    id = "b64821f64a1c337b29f856d0"
  }
  name = "Growth HubSpot 6"
  settings = jsonencode({
    portalId = "growth-0"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_95441de786853f16e2f57d03_apikey
  })
  settings_wo_version = null
  source_id           = "jcL7SPHViue5RRy36mKupr"
}
