# Destination subscription 'Lead 6' (bb775a2e7cf4287c75fa77de:Kkrjr7anGabyB8tQG1e2a3)
# Refers by id to Destination bb775a2e7cf4287c75fa77de, managed in the root destinations/.
# Refers by id to Reverse ETL model 1VTv4bXjnj8m9bNv72j8a3, managed in the root reverse_etl_models/.
import {
  to = segment_destination_subscription.id-bb775a2e7cf4287c75fa77de_Kkrjr7anGabyB8tQG1e2a3
  id = "bb775a2e7cf4287c75fa77de:Kkrjr7anGabyB8tQG1e2a3"
}

resource "segment_destination_subscription" "id-bb775a2e7cf4287c75fa77de_Kkrjr7anGabyB8tQG1e2a3" {
  action_id      = "yKsYvZ4XWzk325k1ogH6Da"
  destination_id = "bb775a2e7cf4287c75fa77de"
  enabled        = true
  model_id       = "1VTv4bXjnj8m9bNv72j8a3"
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
