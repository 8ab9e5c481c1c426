# Destination filter 'Drop checkout views' (3e3029213b4da99d7c4681c8:uYIsKuqGTCrmCiBtdAcKojPM3js)
# Refers by id to Destination 3e3029213b4da99d7c4681c8, managed in the root destinations/.
# Refers by id to Source StSpUnqzqu2JyXgGGh9EfM, managed in the root sources/.
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
  destination_id = "3e3029213b4da99d7c4681c8"
  enabled        = true
  if             = "event = \"Checkout Viewed\""
  source_id      = "StSpUnqzqu2JyXgGGh9EfM"
  title          = "Drop checkout views"
}
