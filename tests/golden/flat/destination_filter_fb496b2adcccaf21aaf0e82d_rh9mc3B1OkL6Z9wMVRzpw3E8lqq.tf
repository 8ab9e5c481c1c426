import {
  to = segment_destination_filter.id-fb496b2adcccaf21aaf0e82d_rh9mc3B1OkL6Z9wMVRzpw3E8lqq
  id = "fb496b2adcccaf21aaf0e82d:rh9mc3B1OkL6Z9wMVRzpw3E8lqq"
}

resource "segment_destination_filter" "id-fb496b2adcccaf21aaf0e82d_rh9mc3B1OkL6Z9wMVRzpw3E8lqq" {
  actions = [
    {
      fields  = null
      path    = null
      percent = null
      type    = "DROP"
    },
  ]
  description    = "Keeps noisy page views out of this destination."
  destination_id = segment_destination.id-fb496b2adcccaf21aaf0e82d.id
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = segment_source.id-jcL7SPHViue5RRy36mKupr.id
  title          = "Drop growth views"
}
