# Destination filter 'Drop ios views' (0b9f07c873a5be7b1d855a15:ThvRilHNBmW7Lwx7gazogyqzsg6)
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
  destination_id = segment_destination.id-0b9f07c873a5be7b1d855a15.id
  enabled        = true
  if             = "event = \"Ios Viewed\""
  source_id      = segment_source.id-fQoyhgkQnxbTEEtALgcUBD.id
  title          = "Drop ios views"
}
