import {
  to = segment_destination_filter.id-6a74d28327fd336d00bb89a0_Pulrli8QDvXTlmR2zemv2EOK4nY
  id = "6a74d28327fd336d00bb89a0:Pulrli8QDvXTlmR2zemv2EOK4nY"
}

resource "segment_destination_filter" "id-6a74d28327fd336d00bb89a0_Pulrli8QDvXTlmR2zemv2EOK4nY" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-6a74d28327fd336d00bb89a0.id
  enabled        = true
  if             = "event = \"Checkout Viewed\""
  source_id      = segment_source.id-Fao5axBCDqzNeMYFRfspV9.id
  title          = "Drop checkout views"
}
