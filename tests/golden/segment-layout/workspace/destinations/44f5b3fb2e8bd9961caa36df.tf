# Destination 'Web Google Analytics 4 0' (44f5b3fb2e8bd9961caa36df): Google Analytics 4 destination
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
import {
  to = segment_destination.id-44f5b3fb2e8bd9961caa36df
  id = "44f5b3fb2e8bd9961caa36df"
}

resource "segment_destination" "id-44f5b3fb2e8bd9961caa36df" {
  enabled = true
  metadata = {
    id = "3c7bfdf73d52f5b20ecbc917"
  }
  name = "Web Google Analytics 4 0"
  settings = jsonencode({
    measurementId = "web-0"
  })
  settings_wo = jsonencode({
    apiSecret = var.destination_44f5b3fb2e8bd9961caa36df_apisecret
  })
  settings_wo_version = null
  source_id           = "G1eApxSge2Z6MtZkCoSfjx"
}
