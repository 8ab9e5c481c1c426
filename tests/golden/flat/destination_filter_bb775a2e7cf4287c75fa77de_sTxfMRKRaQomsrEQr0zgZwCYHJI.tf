# Destination filter 'Drop growth views' (bb775a2e7cf4287c75fa77de:sTxfMRKRaQomsrEQr0zgZwCYHJI)
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
  destination_id = segment_destination.id-bb775a2e7cf4287c75fa77de.id
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = segment_source.id-F7zybbatWdCfnBv9yxsCyh.id
  title          = "Drop growth views"
}
