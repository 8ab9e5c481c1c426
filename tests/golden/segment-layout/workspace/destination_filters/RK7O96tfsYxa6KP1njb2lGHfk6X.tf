# Destination filter 'Drop marketing views' (0d15b1e3174eabbee07a15b0:RK7O96tfsYxa6KP1njb2lGHfk6X)
# Refers by id to Destination 0d15b1e3174eabbee07a15b0, managed in the root destinations/.
# Refers by id to Source 1B7X8K2MLqFzVupQ85cfad, managed in the root sources/.
import {
  to = segment_destination_filter.id-0d15b1e3174eabbee07a15b0_RK7O96tfsYxa6KP1njb2lGHfk6X
  id = "0d15b1e3174eabbee07a15b0:RK7O96tfsYxa6KP1njb2lGHfk6X"
}

resource "segment_destination_filter" "id-0d15b1e3174eabbee07a15b0_RK7O96tfsYxa6KP1njb2lGHfk6X" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "0d15b1e3174eabbee07a15b0"
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = "1B7X8K2MLqFzVupQ85cfad"
  title          = "Drop marketing views"
}
