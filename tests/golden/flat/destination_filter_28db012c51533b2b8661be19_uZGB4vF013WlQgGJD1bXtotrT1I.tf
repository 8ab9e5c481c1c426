# Destination filter 'Drop web views' (28db012c51533b2b8661be19:uZGB4vF013WlQgGJD1bXtotrT1I)
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
  destination_id = segment_destination.id-28db012c51533b2b8661be19.id
  enabled        = true
  if             = "event = \"Web Viewed\""
  source_id      = segment_source.id-G1eApxSge2Z6MtZkCoSfjx.id
  title          = "Drop web views"
}
