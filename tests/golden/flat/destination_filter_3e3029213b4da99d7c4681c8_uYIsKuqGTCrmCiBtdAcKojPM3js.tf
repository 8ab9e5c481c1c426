# Destination filter 'Drop checkout views' (3e3029213b4da99d7c4681c8:uYIsKuqGTCrmCiBtdAcKojPM3js)
import {
  to = segment_destination_filter.id-3e3029213b4da99d7c4681c8_uYIsKuqGTCrmCiBtdAcKojPM3js
  id = "3e3029213b4da99d7c4681c8:uYIsKuqGTCrmCiBtdAcKojPM3js"
}

resource "segment_destination_filter" "id-3e3029213b4da99d7c4681c8_uYIsKuqGTCrmCiBtdAcKojPM3js" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-3e3029213b4da99d7c4681c8.id
  enabled        = true
  if             = "event = \"Checkout Viewed\""
  source_id      = segment_source.id-StSpUnqzqu2JyXgGGh9EfM.id
  title          = "Drop checkout views"
}
