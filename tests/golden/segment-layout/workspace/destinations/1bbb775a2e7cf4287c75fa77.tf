import {
  to = segment_destination.id-1bbb775a2e7cf4287c75fa77
  id = "1bbb775a2e7cf4287c75fa77"
}

resource "segment_destination" "id-1bbb775a2e7cf4287c75fa77" {
  enabled = true
  metadata = {
    id = "2c2dcaf30d32363894086daa"
  }
  name = "Android Braze Cloud Mode (Actions) 2"
  settings = jsonencode({
    endpoint = "android-1"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_1bbb775a2e7cf4287c75fa77_apikey
  })
  settings_wo_version = null
  source_id           = "yb7KR2ojHb3mGtHfk7YKPD"
}
