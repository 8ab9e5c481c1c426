# Destination filter 'Drop marketing views' (0d15b1e3174eabbee07a15b0:RK7O96tfsYxa6KP1njb2lGHfk6X)
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
  destination_id = segment_destination.id-0d15b1e3174eabbee07a15b0.id
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = segment_source.id-1B7X8K2MLqFzVupQ85cfad.id
  title          = "Drop marketing views"
}
