import {
  to = segment_destination_filter.id-ff9dc16dd646184002aa58c0_ChmHTATQ3E7b9AkgDomeByBR9Ph
  id = "ff9dc16dd646184002aa58c0:ChmHTATQ3E7b9AkgDomeByBR9Ph"
}

resource "segment_destination_filter" "id-ff9dc16dd646184002aa58c0_ChmHTATQ3E7b9AkgDomeByBR9Ph" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "ff9dc16dd646184002aa58c0"
  enabled        = true
  if             = "event = \"Checkout Viewed\""
  source_id      = "Fao5axBCDqzNeMYFRfspV9"
  title          = "Drop checkout views"
}
