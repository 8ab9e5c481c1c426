# Destination filter 'Drop marketing views' (56309b074a049b629e457837:f4lXxbsD5Nu6sEKrfzYt51vvls2)
# Refers by id to Destination 56309b074a049b629e457837, managed in the root destinations/.
# Refers by id to Source 1B7X8K2MLqFzVupQ85cfad, managed in the root sources/.
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
  destination_id = "56309b074a049b629e457837"
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = "1B7X8K2MLqFzVupQ85cfad"
  title          = "Drop marketing views"
}
