import {
  to = segment_destination.id-99c0467badc7e20fd94f9cef
  id = "99c0467badc7e20fd94f9cef"
}

resource "segment_destination" "id-99c0467badc7e20fd94f9cef" {
  enabled = true
  metadata = {
    id = "95e0a7e91b4d3e93e97536e2"
  }
  name = "Ios Amplitude (Actions) 1"
  settings = jsonencode({
    endpoint = "ios-0"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_99c0467badc7e20fd94f9cef_apikey
  })
  settings_wo_version = null
  source_id           = "HX5ksWvZJtLurGUCsniBud"
}
