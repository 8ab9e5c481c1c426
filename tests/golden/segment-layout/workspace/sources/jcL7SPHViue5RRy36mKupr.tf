import {
  to = segment_source.id-jcL7SPHViue5RRy36mKupr
  id = "jcL7SPHViue5RRy36mKupr"
}

resource "segment_source" "id-jcL7SPHViue5RRy36mKupr" {
  enabled = true
  labels = [
    {
      key   = "environment"
      value = "prod"
    },
  ]
  metadata = {
    id = "gkAgPoMzeD"
  }
  name                = "Growth Go 6"
  settings            = jsonencode({})
  settings_wo_version = null
  slug                = "growth-go-6"
}
