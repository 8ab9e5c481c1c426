# Destination filter 'Drop billing views' (a23f32f354a6646a1c4e9c41:jvVwYw446cj5ga9TbKXrtjhKrQZ)
# Refers by id to Destination a23f32f354a6646a1c4e9c41, managed in the root destinations/.
# Refers by id to Source nfYKGAesLp7dfHqR9qXhxn, managed in the root sources/.
import {
  to = segment_destination_filter.id-a23f32f354a6646a1c4e9c41_jvVwYw446cj5ga9TbKXrtjhKrQZ
  id = "a23f32f354a6646a1c4e9c41:jvVwYw446cj5ga9TbKXrtjhKrQZ"
}

resource "segment_destination_filter" "id-a23f32f354a6646a1c4e9c41_jvVwYw446cj5ga9TbKXrtjhKrQZ" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "a23f32f354a6646a1c4e9c41"
  enabled        = true
  if             = "event = \"Billing Viewed\""
  source_id      = "nfYKGAesLp7dfHqR9qXhxn"
  title          = "Drop billing views"
}
