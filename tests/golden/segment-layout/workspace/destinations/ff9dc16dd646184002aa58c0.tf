import {
  to = segment_destination.id-ff9dc16dd646184002aa58c0
  id = "ff9dc16dd646184002aa58c0"
}

resource "segment_destination" "id-ff9dc16dd646184002aa58c0" {
  enabled = true
  metadata = {
    id = "6ec319ef59f7441cc6becfc9"
  }
  name = "Checkout Webhooks 3"
  settings = jsonencode({
    webhooks = ["https://hooks.example.com/checkout/3"]
  })
  settings_wo = jsonencode({
    sharedSecret = var.destination_ff9dc16dd646184002aa58c0_sharedsecret
  })
  settings_wo_version = null
  source_id           = "Fao5axBCDqzNeMYFRfspV9"
}
