# Label 'team:data' (team:data)
import {
  to = segment_label.id-team_data
  id = "team:data"
}

resource "segment_label" "id-team_data" {
  description = "team data"
  key         = "team"
  value       = "data"
}
