# Destination filter 'Drop android views' (7ca1dfa605ce5591eba222c3:c5Gi9tsBBpF6O11zAplWYmqL8XT)
# Refers by id to Destination 7ca1dfa605ce5591eba222c3, managed in the root destinations/.
# Refers by id to Source EHTxfhT3Ksc5taxC5Fdotq, managed in the root sources/.
import {
  to = segment_destination_filter.id-7ca1dfa605ce5591eba222c3_c5Gi9tsBBpF6O11zAplWYmqL8XT
  id = "7ca1dfa605ce5591eba222c3:c5Gi9tsBBpF6O11zAplWYmqL8XT"
}

resource "segment_destination_filter" "id-7ca1dfa605ce5591eba222c3_c5Gi9tsBBpF6O11zAplWYmqL8XT" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "7ca1dfa605ce5591eba222c3"
  enabled        = true
  if             = "event = \"Android Viewed\""
  source_id      = "EHTxfhT3Ksc5taxC5Fdotq"
  title          = "Drop android views"
}
