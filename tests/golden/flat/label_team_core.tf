# Label 'team:core' (team:core)
import {
  to = segment_label.id-team_core
  id = "team:core"
}

resource "segment_label" "id-team_core" {
  description = "team core"
  key         = "team"
  value       = "core"
}
