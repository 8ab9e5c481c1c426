# Destination filter 'Drop growth views' (be2803d350576b5b43f55a14:mv2865QbXRjcCL1syJqH3lpDlUi)
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
  destination_id = segment_destination.id-be2803d350576b5b43f55a14.id
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = segment_source.id-F7zybbatWdCfnBv9yxsCyh.id
  title          = "Drop growth views"
}
