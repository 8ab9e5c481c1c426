import {
  to = segment_destination_filter.id-f6d9818238f40b838d46031d_PhMiACc7ORXM0mlDSTjPXc4SAuF
  id = "f6d9818238f40b838d46031d:PhMiACc7ORXM0mlDSTjPXc4SAuF"
}

resource "segment_destination_filter" "id-f6d9818238f40b838d46031d_PhMiACc7ORXM0mlDSTjPXc4SAuF" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = "f6d9818238f40b838d46031d"
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = "SFUuuAUTeUihD5qB1UMAJb"
  title          = "Drop marketing views"
}
