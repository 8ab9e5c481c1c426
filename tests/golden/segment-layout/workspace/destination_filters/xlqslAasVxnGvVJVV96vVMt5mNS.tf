# Destination filter 'Drop checkout views' (06a00e898a6c4d9c15ed4984:xlqslAasVxnGvVJVV96vVMt5mNS)
# Refers by id to Destination 06a00e898a6c4d9c15ed4984, managed in the root destinations/.
# Refers by id to Source StSpUnqzqu2JyXgGGh9EfM, managed in the root sources/.
import {
  to = segment_destination_filter.id-06a00e898a6c4d9c15ed4984_xlqslAasVxnGvVJVV96vVMt5mNS
  id = "06a00e898a6c4d9c15ed4984:xlqslAasVxnGvVJVV96vVMt5mNS"
}

resource "segment_destination_filter" "id-06a00e898a6c4d9c15ed4984_xlqslAasVxnGvVJVV96vVMt5mNS" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "06a00e898a6c4d9c15ed4984"
  enabled        = true
  if             = "event = \"Checkout Viewed\""
  source_id      = "StSpUnqzqu2JyXgGGh9EfM"
  title          = "Drop checkout views"
}
