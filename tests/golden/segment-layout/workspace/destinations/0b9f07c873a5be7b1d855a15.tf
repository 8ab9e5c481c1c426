# Destination 'Ios Mixpanel 1' (0b9f07c873a5be7b1d855a15): Mixpanel destination
# Refers by id to Source fQoyhgkQnxbTEEtALgcUBD, managed in the root sources/.
import {
  to = segment_destination.id-0b9f07c873a5be7b1d855a15
  id = "0b9f07c873a5be7b1d855a15"
}

resource "segment_destination" "id-0b9f07c873a5be7b1d855a15" {
  enabled = true
  metadata = {
    id = "e1c349e306f89a84f2a41cdb"
  }
  name = "Ios Mixpanel 1"
  settings = jsonencode({
    people = false
  })
  settings_wo = jsonencode({
    apiSecret = var.destination_0b9f07c873a5be7b1d855a15_apisecret
    token     = var.destination_0b9f07c873a5be7b1d855a15_token
  })
  settings_wo_version = null
  source_id           = "fQoyhgkQnxbTEEtALgcUBD"
}
