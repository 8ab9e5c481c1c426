# Destination filter 'Drop growth views' (be2803d350576b5b43f55a14:mv2865QbXRjcCL1syJqH3lpDlUi)
# Refers by id to Destination be2803d350576b5b43f55a14, managed in the root destinations/.
# Refers by id to Source F7zybbatWdCfnBv9yxsCyh, managed in the root sources/.
import {
  to = segment_destination_filter.id-be2803d350576b5b43f55a14_mv2865QbXRjcCL1syJqH3lpDlUi
  id = "be2803d350576b5b43f55a14:mv2865QbXRjcCL1syJqH3lpDlUi"
}

resource "segment_destination_filter" "id-be2803d350576b5b43f55a14_mv2865QbXRjcCL1syJqH3lpDlUi" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "be2803d350576b5b43f55a14"
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = "F7zybbatWdCfnBv9yxsCyh"
  title          = "Drop growth views"
}
