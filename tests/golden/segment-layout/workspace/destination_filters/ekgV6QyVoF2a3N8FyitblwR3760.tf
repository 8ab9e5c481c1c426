import {
  to = segment_destination_filter.id-002edb7abfd473e2df46b0e7_ekgV6QyVoF2a3N8FyitblwR3760
  id = "002edb7abfd473e2df46b0e7:ekgV6QyVoF2a3N8FyitblwR3760"
}

resource "segment_destination_filter" "id-002edb7abfd473e2df46b0e7_ekgV6QyVoF2a3N8FyitblwR3760" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "002edb7abfd473e2df46b0e7"
  enabled        = true
  if             = "event = \"Web Viewed\""
  source_id      = "Yv78hrJWfPP44huJr5aeuG"
  title          = "Drop web views"
}
