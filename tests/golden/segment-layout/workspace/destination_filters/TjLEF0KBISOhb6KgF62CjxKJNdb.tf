import {
  to = segment_destination_filter.id-7959e8392ff3b6eeffc7ab4b_TjLEF0KBISOhb6KgF62CjxKJNdb
  id = "7959e8392ff3b6eeffc7ab4b:TjLEF0KBISOhb6KgF62CjxKJNdb"
}

resource "segment_destination_filter" "id-7959e8392ff3b6eeffc7ab4b_TjLEF0KBISOhb6KgF62CjxKJNdb" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "7959e8392ff3b6eeffc7ab4b"
  enabled        = true
  if             = "event = \"Android Viewed\""
  source_id      = "yb7KR2ojHb3mGtHfk7YKPD"
  title          = "Drop android views"
}
