import {
  to = segment_destination_subscription.id-fb496b2adcccaf21aaf0e82d_awLmfF47bJijWQVKcmgKRD
  id = "fb496b2adcccaf21aaf0e82d:awLmfF47bJijWQVKcmgKRD"
}

resource "segment_destination_subscription" "id-fb496b2adcccaf21aaf0e82d_awLmfF47bJijWQVKcmgKRD" {
  action_id      = "yKsYvZ4XWzk325k1ogH6Da"
  destination_id = segment_destination.id-fb496b2adcccaf21aaf0e82d.id
  enabled        = true
  model_id       = segment_reverse_etl_model.id-qkkzZXFXZEq1TRzoJgneuB.id
  name           = "Lead 6"
  reverse_etl_schedule = {
    config = jsonencode({
      interval = "1d"
    })
    strategy = "PERIODIC"
  }
  settings = jsonencode({
    userId = {
      "@path" = "$.userId"
    }
  })
  settings_wo_version = null
  trigger             = "type = \"identify\""
}
