import {
  to = segment_destination_filter.id-b440fa20914c0c584962a36e_xeVmx31JI7DhcVAacL99ZS60V3y
  id = "b440fa20914c0c584962a36e:xeVmx31JI7DhcVAacL99ZS60V3y"
}

resource "segment_destination_filter" "id-b440fa20914c0c584962a36e_xeVmx31JI7DhcVAacL99ZS60V3y" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-b440fa20914c0c584962a36e.id
  enabled        = true
  if             = "event = \"Marketing Viewed\""
  source_id      = segment_source.id-SFUuuAUTeUihD5qB1UMAJb.id
  title          = "Drop marketing views"
}
