# Destination 'Android Braze Cloud Mode (Actions) 2' (bb6ac5ac745d3db6959f6006): Braze Cloud Mode (Actions) destination
# Refers by id to Source EHTxfhT3Ksc5taxC5Fdotq, managed in the root sources/.
import {
  to = segment_destination.id-bb6ac5ac745d3db6959f6006
  id = "bb6ac5ac745d3db6959f6006"
}

resource "segment_destination" "id-bb6ac5ac745d3db6959f6006" {
  enabled = true
  metadata = {
    id = "2c2dcaf30d32363894086daa"
  }
  name = "Android Braze Cloud Mode (Actions) 2"
  settings = jsonencode({
    endpoint = "android-1"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_bb6ac5ac745d3db6959f6006_apikey
  })
  settings_wo_version = null
  source_id           = "EHTxfhT3Ksc5taxC5Fdotq"
}
