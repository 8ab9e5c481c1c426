# Destination filter 'Drop growth views' (bb775a2e7cf4287c75fa77de:sTxfMRKRaQomsrEQr0zgZwCYHJI)
# Refers by id to Destination bb775a2e7cf4287c75fa77de, managed in the root destinations/.
# Refers by id to Source F7zybbatWdCfnBv9yxsCyh, managed in the root sources/.
import {
  to = segment_destination_filter.id-bb775a2e7cf4287c75fa77de_sTxfMRKRaQomsrEQr0zgZwCYHJI
  id = "bb775a2e7cf4287c75fa77de:sTxfMRKRaQomsrEQr0zgZwCYHJI"
}

resource "segment_destination_filter" "id-bb775a2e7cf4287c75fa77de_sTxfMRKRaQomsrEQr0zgZwCYHJI" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "bb775a2e7cf4287c75fa77de"
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = "F7zybbatWdCfnBv9yxsCyh"
  title          = "Drop growth views"
}
