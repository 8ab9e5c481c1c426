import {
  to = segment_destination_filter.id-91211082505d44ed6919a4e1_hgm1pD4Kbi7q5usoCbSFsdhgLTE
  id = "91211082505d44ed6919a4e1:hgm1pD4Kbi7q5usoCbSFsdhgLTE"
}

resource "segment_destination_filter" "id-91211082505d44ed6919a4e1_hgm1pD4Kbi7q5usoCbSFsdhgLTE" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-91211082505d44ed6919a4e1.id
  enabled        = true
  if             = "event = \"Ios Viewed\""
  source_id      = segment_source.id-HX5ksWvZJtLurGUCsniBud.id
  title          = "Drop ios views"
}
