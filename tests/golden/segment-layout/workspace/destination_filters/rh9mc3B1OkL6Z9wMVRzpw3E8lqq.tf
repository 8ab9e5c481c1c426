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
  destination_id = "fb496b2adcccaf21aaf0e82d"
  enabled        = true
  if             = "event = \"Growth Viewed\""
  source_id      = "jcL7SPHViue5RRy36mKupr"
  title          = "Drop growth views"
}
