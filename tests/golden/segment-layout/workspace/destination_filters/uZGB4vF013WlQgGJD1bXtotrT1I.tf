# Destination filter 'Drop web views' (28db012c51533b2b8661be19:uZGB4vF013WlQgGJD1bXtotrT1I)
# Refers by id to Destination 28db012c51533b2b8661be19, managed in the root destinations/.
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
import {
  to = segment_destination_filter.id-28db012c51533b2b8661be19_uZGB4vF013WlQgGJD1bXtotrT1I
  id = "28db012c51533b2b8661be19:uZGB4vF013WlQgGJD1bXtotrT1I"
}

resource "segment_destination_filter" "id-28db012c51533b2b8661be19_uZGB4vF013WlQgGJD1bXtotrT1I" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "28db012c51533b2b8661be19"
  enabled        = true
  if             = "event = \"Web Viewed\""
  source_id      = "G1eApxSge2Z6MtZkCoSfjx"
  title          = "Drop web views"
}
