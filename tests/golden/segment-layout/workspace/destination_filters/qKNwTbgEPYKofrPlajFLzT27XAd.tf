# Destination filter 'Drop billing views' (94f9cef5870725c764be85c5:qKNwTbgEPYKofrPlajFLzT27XAd)
import {
  to = segment_destination_filter.id-94f9cef5870725c764be85c5_qKNwTbgEPYKofrPlajFLzT27XAd
  id = "94f9cef5870725c764be85c5:qKNwTbgEPYKofrPlajFLzT27XAd"
}

resource "segment_destination_filter" "id-94f9cef5870725c764be85c5_qKNwTbgEPYKofrPlajFLzT27XAd" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "94f9cef5870725c764be85c5"
  enabled        = true
  if             = "event = \"Billing Viewed\""
  source_id      = "nfYKGAesLp7dfHqR9qXhxn"
  title          = "Drop billing views"
}
