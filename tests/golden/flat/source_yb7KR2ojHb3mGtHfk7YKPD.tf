import {
  to = segment_source.id-yb7KR2ojHb3mGtHfk7YKPD
  id = "yb7KR2ojHb3mGtHfk7YKPD"
}

resource "segment_source" "id-yb7KR2ojHb3mGtHfk7YKPD" {
  enabled = true
  labels = [
    {
      key   = "environment"
      value = "staging"
    },
  ]
  metadata = {
    id = "FBejQk169C"
  }
  name = "Android iOS 2"
  settings = jsonencode({
    trackDeepLinks = true
  })
  settings_wo_version = null
  slug                = "android-ios-2"
}
