# Destination filter 'Drop billing views' (94f9cef5870725c764be85c5:qKNwTbgEPYKofrPlajFLzT27XAd)
# Refers by id to Destination 94f9cef5870725c764be85c5, managed in the root destinations/.
# Refers by id to Source nfYKGAesLp7dfHqR9qXhxn, managed in the root sources/.
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
