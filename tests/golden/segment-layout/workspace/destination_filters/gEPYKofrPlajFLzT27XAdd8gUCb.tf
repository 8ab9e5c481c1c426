import {
  to = segment_destination_filter.id-99c0467badc7e20fd94f9cef_gEPYKofrPlajFLzT27XAdd8gUCb
  id = "99c0467badc7e20fd94f9cef:gEPYKofrPlajFLzT27XAdd8gUCb"
}

resource "segment_destination_filter" "id-99c0467badc7e20fd94f9cef_gEPYKofrPlajFLzT27XAdd8gUCb" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "99c0467badc7e20fd94f9cef"
  enabled        = true
  if             = "event = \"Ios Viewed\""
  source_id      = "HX5ksWvZJtLurGUCsniBud"
  title          = "Drop ios views"
}
