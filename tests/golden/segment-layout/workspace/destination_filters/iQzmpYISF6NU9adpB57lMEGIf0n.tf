# Destination filter 'Drop web views' (44f5b3fb2e8bd9961caa36df:iQzmpYISF6NU9adpB57lMEGIf0n)
# Refers by id to Destination 44f5b3fb2e8bd9961caa36df, managed in the root destinations/.
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
import {
  to = segment_destination_filter.id-44f5b3fb2e8bd9961caa36df_iQzmpYISF6NU9adpB57lMEGIf0n
  id = "44f5b3fb2e8bd9961caa36df:iQzmpYISF6NU9adpB57lMEGIf0n"
}

resource "segment_destination_filter" "id-44f5b3fb2e8bd9961caa36df_iQzmpYISF6NU9adpB57lMEGIf0n" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "44f5b3fb2e8bd9961caa36df"
  enabled        = true
  if             = "event = \"Web Viewed\""
  source_id      = "G1eApxSge2Z6MtZkCoSfjx"
  title          = "Drop web views"
}
