import {
  to = segment_destination.id-91211082505d44ed6919a4e1
  id = "91211082505d44ed6919a4e1"
}

resource "segment_destination" "id-91211082505d44ed6919a4e1" {
  enabled = true
  metadata = {
    id = "e1c349e306f89a84f2a41cdb"
  }
  name = "Ios Mixpanel 1"
  settings = jsonencode({
    people = false
  })
  settings_wo = jsonencode({
    apiSecret = var.destination_91211082505d44ed6919a4e1_apisecret
    token     = var.destination_91211082505d44ed6919a4e1_token
  })
  settings_wo_version = null
  source_id           = segment_source.id-HX5ksWvZJtLurGUCsniBud.id
}
