import {
  to = segment_destination.id-002edb7abfd473e2df46b0e7
  id = "002edb7abfd473e2df46b0e7"
}

resource "segment_destination" "id-002edb7abfd473e2df46b0e7" {
  enabled = true
  metadata = {
    id = "a129d665d8a875722b05f287"
  }
  name = "Web Amplitude 0"
  settings = jsonencode({
    useLogRevenueV2 = false
  })
  settings_wo = jsonencode({
    apiKey    = var.destination_002edb7abfd473e2df46b0e7_apikey
    secretKey = var.destination_002edb7abfd473e2df46b0e7_secretkey
  })
  settings_wo_version = null
  source_id           = segment_source.id-Yv78hrJWfPP44huJr5aeuG.id
}
