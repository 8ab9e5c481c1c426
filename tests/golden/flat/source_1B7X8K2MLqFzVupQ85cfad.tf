# Source 'Marketing Python 5' (slug marketing-python-5, 1B7X8K2MLqFzVupQ85cfad): Python source
import {
  to = segment_source.id-1B7X8K2MLqFzVupQ85cfad
  id = "1B7X8K2MLqFzVupQ85cfad"
}

resource "segment_source" "id-1B7X8K2MLqFzVupQ85cfad" {
  enabled = false
  labels = [
    {
      key   = segment_label.id-team_core.key
      value = segment_label.id-team_core.value
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
