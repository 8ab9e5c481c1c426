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
  destination_id = segment_destination.id-94f9cef5870725c764be85c5.id
  enabled        = true
  if             = "event = \"Billing Viewed\""
  source_id      = segment_source.id-nfYKGAesLp7dfHqR9qXhxn.id
  title          = "Drop billing views"
}
