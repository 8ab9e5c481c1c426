# Label 'environment:staging' (environment:staging)
import {
  to = segment_label.id-environment_staging
  id = "environment:staging"
}

resource "segment_label" "id-environment_staging" {
  description = "environment staging"
  key         = "environment"
  value       = "staging"
}
