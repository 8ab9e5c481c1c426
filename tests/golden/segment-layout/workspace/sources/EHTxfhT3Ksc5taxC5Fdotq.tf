# Source 'Android iOS 2' (slug android-ios-2, EHTxfhT3Ksc5taxC5Fdotq): iOS source
# Refers by id to Label environment:staging, managed in the root labels/.
import {
  to = segment_source.id-EHTxfhT3Ksc5taxC5Fdotq
  id = "EHTxfhT3Ksc5taxC5Fdotq"
}

resource "segment_source" "id-EHTxfhT3Ksc5taxC5Fdotq" {
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
