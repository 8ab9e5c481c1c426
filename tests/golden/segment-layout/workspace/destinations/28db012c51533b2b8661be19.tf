# Destination 'Web Amplitude 0' (28db012c51533b2b8661be19): Amplitude destination
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
import {
  to = segment_destination.id-28db012c51533b2b8661be19
  id = "28db012c51533b2b8661be19"
}

resource "segment_destination" "id-28db012c51533b2b8661be19" {
  enabled = true
  metadata = {
    id = "a129d665d8a875722b05f287"
  }
  name = "Web Amplitude 0"
  settings = jsonencode({
    useLogRevenueV2 = false
  })
  settings_wo = jsonencode({
    apiKey    = var.destination_28db012c51533b2b8661be19_apikey
    secretKey = var.destination_28db012c51533b2b8661be19_secretkey
  })
  settings_wo_version = null
  source_id           = "G1eApxSge2Z6MtZkCoSfjx"
}
