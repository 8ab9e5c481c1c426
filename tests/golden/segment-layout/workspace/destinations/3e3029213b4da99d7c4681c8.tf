# Destination 'Checkout Webhooks (Actions) 3' (3e3029213b4da99d7c4681c8): Webhooks (Actions) destination
# Refers by id to Source StSpUnqzqu2JyXgGGh9EfM, managed in the root sources/.
import {
  to = segment_destination.id-3e3029213b4da99d7c4681c8
  id = "3e3029213b4da99d7c4681c8"
}

resource "segment_destination" "id-3e3029213b4da99d7c4681c8" {
  enabled = true
  metadata = {
    id = "2b4b3d6e802bfbb200b1b149"
  }
  name     = "Checkout Webhooks (Actions) 3"
  settings = jsonencode({})
  settings_wo = jsonencode({
    sharedSecret = var.destination_3e3029213b4da99d7c4681c8_sharedsecret
  })
  settings_wo_version = null
  source_id           = "StSpUnqzqu2JyXgGGh9EfM"
}
