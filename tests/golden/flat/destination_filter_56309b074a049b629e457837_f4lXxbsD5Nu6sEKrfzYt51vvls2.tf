# Destination filter 'Drop marketing views' (56309b074a049b629e457837:f4lXxbsD5Nu6sEKrfzYt51vvls2)
import {
  to = segment_destination_filter.id-56309b074a049b629e457837_f4lXxbsD5Nu6sEKrfzYt51vvls2
  id = "56309b074a049b629e457837:f4lXxbsD5Nu6sEKrfzYt51vvls2"
}

resource "segment_destination_filter" "id-56309b074a049b629e457837_f4lXxbsD5Nu6sEKrfzYt51vvls2" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-56309b074a049b629e457837.id
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = segment_source.id-1B7X8K2MLqFzVupQ85cfad.id
  title          = "Drop marketing views"
}
