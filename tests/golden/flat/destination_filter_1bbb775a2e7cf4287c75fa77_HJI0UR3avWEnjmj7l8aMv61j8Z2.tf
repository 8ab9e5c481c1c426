import {
  to = segment_destination_filter.id-1bbb775a2e7cf4287c75fa77_HJI0UR3avWEnjmj7l8aMv61j8Z2
  id = "1bbb775a2e7cf4287c75fa77:HJI0UR3avWEnjmj7l8aMv61j8Z2"
}

resource "segment_destination_filter" "id-1bbb775a2e7cf4287c75fa77_HJI0UR3avWEnjmj7l8aMv61j8Z2" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-1bbb775a2e7cf4287c75fa77.id
  enabled        = true
  if             = "event = \"Android Viewed\""
  source_id      = segment_source.id-yb7KR2ojHb3mGtHfk7YKPD.id
  title          = "Drop android views"
}
