# Destination 'Android Braze 2' (7ca1dfa605ce5591eba222c3): Braze destination
# Refers by id to Source EHTxfhT3Ksc5taxC5Fdotq, managed in the root sources/.
import {
  to = segment_destination.id-7ca1dfa605ce5591eba222c3
  id = "7ca1dfa605ce5591eba222c3"
}

resource "segment_destination" "id-7ca1dfa605ce5591eba222c3" {
  enabled = true
  metadata = {
    id = "01edc707bb673b6518f12530"
  }
  name = "Android Braze 2"
  settings = jsonencode({
    appId      = "android-0"
    datacenter = "android-0"
  })
  settings_wo = jsonencode({
    restApiKey = var.destination_7ca1dfa605ce5591eba222c3_restapikey
  })
  settings_wo_version = null
  source_id           = "EHTxfhT3Ksc5taxC5Fdotq"
}
