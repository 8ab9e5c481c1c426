# Source 'Ios HTTP API 1' (slug ios-http-api-1, fQoyhgkQnxbTEEtALgcUBD): HTTP API source
# Refers by id to Label environment:dev, managed in the root labels/.
import {
  to = segment_source.id-fQoyhgkQnxbTEEtALgcUBD
  id = "fQoyhgkQnxbTEEtALgcUBD"
}

resource "segment_source" "id-fQoyhgkQnxbTEEtALgcUBD" {
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
