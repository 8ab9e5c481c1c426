import {
  to = segment_source.id-HX5ksWvZJtLurGUCsniBud
  id = "HX5ksWvZJtLurGUCsniBud"
}

resource "segment_source" "id-HX5ksWvZJtLurGUCsniBud" {
  enabled = true
  labels = [
    {
      key   = "environment"
      value = "dev"
    },
  ]
  metadata = {
    id = "JM3iRCgMbp"
  }
  name                = "Ios HTTP API 1"
  settings            = jsonencode({})
  settings_wo_version = null
  slug                = "ios-http-api-1"
}
