import {
  to = segment_destination_filter.id-839072fdee8039155fb8e1a3_hwXxU4vO9r6fd2PKssH5QfPndxh
  id = "839072fdee8039155fb8e1a3:hwXxU4vO9r6fd2PKssH5QfPndxh"
}

resource "segment_destination_filter" "id-839072fdee8039155fb8e1a3_hwXxU4vO9r6fd2PKssH5QfPndxh" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-839072fdee8039155fb8e1a3.id
  enabled        = true
  if             = "event = \"Web Viewed\""
  source_id      = segment_source.id-Yv78hrJWfPP44huJr5aeuG.id
  title          = "Drop web views"
}
