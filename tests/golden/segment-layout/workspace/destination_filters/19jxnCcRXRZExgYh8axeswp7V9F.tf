import {
  to = segment_destination_filter.id-a640ae6e91f77bec3b6faace_19jxnCcRXRZExgYh8axeswp7V9F
  id = "a640ae6e91f77bec3b6faace:19jxnCcRXRZExgYh8axeswp7V9F"
}

resource "segment_destination_filter" "id-a640ae6e91f77bec3b6faace_19jxnCcRXRZExgYh8axeswp7V9F" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "a640ae6e91f77bec3b6faace"
  enabled        = true
  if             = "event = \"Billing Viewed\""
  source_id      = "mzARmshMfG2dVHZb31M9Ac"
  title          = "Drop billing views"
}
