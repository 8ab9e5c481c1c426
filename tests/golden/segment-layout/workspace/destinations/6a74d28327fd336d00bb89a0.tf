import {
  to = segment_destination.id-6a74d28327fd336d00bb89a0
  id = "6a74d28327fd336d00bb89a0"
}

resource "segment_destination" "id-6a74d28327fd336d00bb89a0" {
  enabled = true
  metadata = {
    id = "2b4b3d6e802bfbb200b1b149"
  }
  name     = "Checkout Webhooks (Actions) 3"
  settings = jsonencode({})
  settings_wo = jsonencode({
    sharedSecret = var.destination_6a74d28327fd336d00bb89a0_sharedsecret
  })
  settings_wo_version = null
  source_id           = "Fao5axBCDqzNeMYFRfspV9"
}
