import {
  to = segment_destination_filter.id-eefc89047cf72717e6d1c7f8_I1PnmjWcx3ppxvTJAqQmrtYuCTv
  id = "eefc89047cf72717e6d1c7f8:I1PnmjWcx3ppxvTJAqQmrtYuCTv"
}

resource "segment_destination_filter" "id-eefc89047cf72717e6d1c7f8_I1PnmjWcx3ppxvTJAqQmrtYuCTv" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-eefc89047cf72717e6d1c7f8.id
  enabled        = true
  if             = "event = \"Billing Viewed\""
  source_id      = segment_source.id-mzARmshMfG2dVHZb31M9Ac.id
  title          = "Drop billing views"
}
