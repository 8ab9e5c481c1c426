# Label 'environment:dev' (environment:dev)
import {
  to = segment_label.id-environment_dev
  id = "environment:dev"
}

resource "segment_label" "id-environment_dev" {
  description = "environment dev"
  key         = "environment"
  value       = "dev"
}
