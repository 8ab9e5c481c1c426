# Destination filter 'Drop ios views' (0b9f07c873a5be7b1d855a15:ThvRilHNBmW7Lwx7gazogyqzsg6)
# Refers by id to Destination 0b9f07c873a5be7b1d855a15, managed in the root destinations/.
# Refers by id to Source fQoyhgkQnxbTEEtALgcUBD, managed in the root sources/.
import {
  to = segment_destination_filter.id-0b9f07c873a5be7b1d855a15_ThvRilHNBmW7Lwx7gazogyqzsg6
  id = "0b9f07c873a5be7b1d855a15:ThvRilHNBmW7Lwx7gazogyqzsg6"
}

resource "segment_destination_filter" "id-0b9f07c873a5be7b1d855a15_ThvRilHNBmW7Lwx7gazogyqzsg6" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "0b9f07c873a5be7b1d855a15"
  enabled        = true
  if             = "event = \"Ios Viewed\""
  source_id      = "fQoyhgkQnxbTEEtALgcUBD"
  title          = "Drop ios views"
}
