# Destination subscription 'Update User Profile 2' (bb6ac5ac745d3db6959f6006:2sCqMuoGmYjhSDBHKC3aSg)
# Refers by id to Destination bb6ac5ac745d3db6959f6006, managed in the root destinations/.
# Refers by id to Reverse ETL model 8EfT1dqCe4phRMqJXGUPNb, managed in the root reverse_etl_models/.
import {
  to = segment_destination_subscription.id-bb6ac5ac745d3db6959f6006_2sCqMuoGmYjhSDBHKC3aSg
  id = "bb6ac5ac745d3db6959f6006:2sCqMuoGmYjhSDBHKC3aSg"
}

resource "segment_destination_subscription" "id-bb6ac5ac745d3db6959f6006_2sCqMuoGmYjhSDBHKC3aSg" {
  action_id      = "xPRpa4Geb268N1QgQUC8kf"
  destination_id = "bb6ac5ac745d3db6959f6006"
  enabled        = true
  model_id       = "8EfT1dqCe4phRMqJXGUPNb"
  name           = "Update User Profile 2"
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
