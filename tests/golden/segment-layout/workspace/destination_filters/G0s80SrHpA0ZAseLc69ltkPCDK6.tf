# Destination filter 'Drop android views' (bb6ac5ac745d3db6959f6006:G0s80SrHpA0ZAseLc69ltkPCDK6)
# Refers by id to Destination bb6ac5ac745d3db6959f6006, managed in the root destinations/.
# Refers by id to Source EHTxfhT3Ksc5taxC5Fdotq, managed in the root sources/.
import {
  to = segment_destination_filter.id-bb6ac5ac745d3db6959f6006_G0s80SrHpA0ZAseLc69ltkPCDK6
  id = "bb6ac5ac745d3db6959f6006:G0s80SrHpA0ZAseLc69ltkPCDK6"
}

resource "segment_destination_filter" "id-bb6ac5ac745d3db6959f6006_G0s80SrHpA0ZAseLc69ltkPCDK6" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "bb6ac5ac745d3db6959f6006"
  enabled        = true
  if             = "event = \"Android Viewed\""
  source_id      = "EHTxfhT3Ksc5taxC5Fdotq"
  title          = "Drop android views"
}
