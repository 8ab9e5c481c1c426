# Destination filter 'Drop ios views' (73e2df46b0e7da38a1440f6e:2y6WekgV6QyVoF2a3N8FyitblwR)
# Refers by id to Destination 73e2df46b0e7da38a1440f6e, managed in the root destinations/.
# Refers by id to Source fQoyhgkQnxbTEEtALgcUBD, managed in the root sources/.
import {
  to = segment_destination_filter.id-73e2df46b0e7da38a1440f6e_2y6WekgV6QyVoF2a3N8FyitblwR
  id = "73e2df46b0e7da38a1440f6e:2y6WekgV6QyVoF2a3N8FyitblwR"
}

resource "segment_destination_filter" "id-73e2df46b0e7da38a1440f6e_2y6WekgV6QyVoF2a3N8FyitblwR" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "73e2df46b0e7da38a1440f6e"
  enabled        = true
  if             = "event = \"Ios Viewed\""
  source_id      = "fQoyhgkQnxbTEEtALgcUBD"
  title          = "Drop ios views"
}
