data "segment_source_metadata" "stripe" {
  slug = "stripe"
}

resource "segment_label" "prod" {
  key   = "environment"
  value = "prod"
}

resource "segment_source" "billing" {
  slug     = "billing"
  name     = "Billing"
  enabled  = true
  metadata = { id = data.segment_source_metadata.stripe.id }
  settings = jsonencode({
    accountId = "acct_1234"
  })

  # Secrets stay out of plan and state: sent on create and whenever the version changes.
  settings_wo         = jsonencode({ apiKey = "rk_live_example_key" })
  settings_wo_version = 1

  labels = [{ key = segment_label.prod.key, value = segment_label.prod.value }]
}
