# Source 'Growth Go 6' (slug growth-go-6, F7zybbatWdCfnBv9yxsCyh): Go source
# Refers by id to Label environment:prod, managed in the root labels/.
import {
  to = segment_source.id-F7zybbatWdCfnBv9yxsCyh
  id = "F7zybbatWdCfnBv9yxsCyh"
}

resource "segment_source" "id-F7zybbatWdCfnBv9yxsCyh" {
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
