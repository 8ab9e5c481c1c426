import {
  to = segment_destination.id-7959e8392ff3b6eeffc7ab4b
  id = "7959e8392ff3b6eeffc7ab4b"
}

resource "segment_destination" "id-7959e8392ff3b6eeffc7ab4b" {
  enabled = true
  metadata = {
    id = "01edc707bb673b6518f12530"
  }
  name = "Android Braze 2"
  settings = jsonencode({
    appId      = "android-0"
    datacenter = "android-0"
  })
  settings_wo = jsonencode({
    restApiKey = var.destination_7959e8392ff3b6eeffc7ab4b_restapikey
  })
  settings_wo_version = null
  source_id           = "yb7KR2ojHb3mGtHfk7YKPD"
}
