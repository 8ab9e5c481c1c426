# Label 'team:growth' (team:growth)
import {
  to = segment_label.id-team_growth
  id = "team:growth"
}

resource "segment_label" "id-team_growth" {
  description = "team growth"
  key         = "team"
  value       = "growth"
}
