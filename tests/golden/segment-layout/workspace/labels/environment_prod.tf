# Label 'environment:prod' (environment:prod)
import {
  to = segment_label.id-environment_prod
  id = "environment:prod"
}

resource "segment_label" "id-environment_prod" {
  description = "environment prod"
  key         = "environment"
  value       = "prod"
}
