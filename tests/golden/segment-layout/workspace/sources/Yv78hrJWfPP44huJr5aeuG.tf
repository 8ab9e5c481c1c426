import {
  to = segment_source.id-Yv78hrJWfPP44huJr5aeuG
  id = "Yv78hrJWfPP44huJr5aeuG"
}

resource "segment_source" "id-Yv78hrJWfPP44huJr5aeuG" {
  enabled = true
  labels = [
    {
      key   = "environment"
      value = "prod"
    },
  ]
  metadata = {
    id = "7zaK1XNDhN"
  }
  name = "Web Javascript 0"
  settings = jsonencode({
    useConsentManager = false
  })
  settings_wo_version = null
  slug                = "web-javascript-0"
}
