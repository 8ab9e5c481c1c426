import {
  to = segment_destination_filter.id-95441de786853f16e2f57d03_xDydXgo72jgIWILStfx143EvDVS
  id = "95441de786853f16e2f57d03:xDydXgo72jgIWILStfx143EvDVS"
}

resource "segment_destination_filter" "id-95441de786853f16e2f57d03_xDydXgo72jgIWILStfx143EvDVS" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-95441de786853f16e2f57d03.id
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = segment_source.id-jcL7SPHViue5RRy36mKupr.id
  title          = "Drop growth views"
}
