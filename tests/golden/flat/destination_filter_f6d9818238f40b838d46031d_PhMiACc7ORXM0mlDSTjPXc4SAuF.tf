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
  destination_id = segment_destination.id-f6d9818238f40b838d46031d.id
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = segment_source.id-SFUuuAUTeUihD5qB1UMAJb.id
  title          = "Drop marketing views"
}
