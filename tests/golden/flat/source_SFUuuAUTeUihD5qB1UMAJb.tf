import {
  to = segment_source.id-SFUuuAUTeUihD5qB1UMAJb
  id = "SFUuuAUTeUihD5qB1UMAJb"
}

resource "segment_source" "id-SFUuuAUTeUihD5qB1UMAJb" {
  enabled = false
  labels = [
    {
      key   = "team"
      value = "core"
    },
  ]
  metadata = {
    id = "a2n4jm9xDL"
  }
  name                = "Marketing Python 5"
  settings            = jsonencode({})
  settings_wo_version = null
  slug                = "marketing-python-5"
}
