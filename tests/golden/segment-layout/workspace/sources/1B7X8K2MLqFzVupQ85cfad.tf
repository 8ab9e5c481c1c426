# Source 'Marketing Python 5' (slug marketing-python-5, 1B7X8K2MLqFzVupQ85cfad): Python source
# Refers by id to Label team:core, managed in the root labels/.
import {
  to = segment_source.id-1B7X8K2MLqFzVupQ85cfad
  id = "1B7X8K2MLqFzVupQ85cfad"
}

resource "segment_source" "id-1B7X8K2MLqFzVupQ85cfad" {
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
