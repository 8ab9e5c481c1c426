import {
  to = segment_destination.id-b440fa20914c0c584962a36e
  id = "b440fa20914c0c584962a36e"
}

resource "segment_destination" "id-b440fa20914c0c584962a36e" {
  enabled = true
  metadata = {
    id = "2248580334518a2df50c0c80"
  }
  name = "Marketing Customer.io 5"
  settings = jsonencode({
    siteId = "marketing-0"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_b440fa20914c0c584962a36e_apikey
  })
  settings_wo_version = null
  source_id           = "SFUuuAUTeUihD5qB1UMAJb"
}
