import {
  to = segment_destination.id-839072fdee8039155fb8e1a3
  id = "839072fdee8039155fb8e1a3"
}

resource "segment_destination" "id-839072fdee8039155fb8e1a3" {
  enabled = true
  metadata = {
    id = "3c7bfdf73d52f5b20ecbc917"
  }
  name = "Web Google Analytics 4 0"
  settings = jsonencode({
    measurementId = "web-0"
  })
  settings_wo = jsonencode({
    apiSecret = var.destination_839072fdee8039155fb8e1a3_apisecret
  })
  settings_wo_version = null
  source_id           = segment_source.id-Yv78hrJWfPP44huJr5aeuG.id
}
