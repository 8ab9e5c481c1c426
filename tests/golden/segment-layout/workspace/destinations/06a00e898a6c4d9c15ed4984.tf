# Destination 'Checkout Webhooks 3' (06a00e898a6c4d9c15ed4984): Webhooks destination
# Refers by id to Source StSpUnqzqu2JyXgGGh9EfM, managed in the root sources/.
import {
  to = segment_destination.id-06a00e898a6c4d9c15ed4984
  id = "06a00e898a6c4d9c15ed4984"
}

resource "segment_destination" "id-06a00e898a6c4d9c15ed4984" {
  enabled = true
  metadata = {
    id = "6ec319ef59f7441cc6becfc9"
  }
  name = "Checkout Webhooks 3"
  settings = jsonencode({
    webhooks = ["https://hooks.example.com/checkout/3"]
  })
  settings_wo = jsonencode({
    sharedSecret = var.destination_06a00e898a6c4d9c15ed4984_sharedsecret
  })
  settings_wo_version = null
  source_id           = "StSpUnqzqu2JyXgGGh9EfM"
}
