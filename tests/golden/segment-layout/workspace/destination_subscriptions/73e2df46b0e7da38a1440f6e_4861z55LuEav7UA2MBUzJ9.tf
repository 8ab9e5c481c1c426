# Destination subscription 'Log Event 1' (73e2df46b0e7da38a1440f6e:4861z55LuEav7UA2MBUzJ9)
# Refers by id to Destination 73e2df46b0e7da38a1440f6e, managed in the root destinations/.
import {
  to = segment_destination_subscription.id-73e2df46b0e7da38a1440f6e_4861z55LuEav7UA2MBUzJ9
  id = "73e2df46b0e7da38a1440f6e:4861z55LuEav7UA2MBUzJ9"
}

resource "segment_destination_subscription" "id-73e2df46b0e7da38a1440f6e_4861z55LuEav7UA2MBUzJ9" {
  action_id            = "hWsk4tMBXqZT1UZuekSxxN"
  destination_id       = "73e2df46b0e7da38a1440f6e"
  enabled              = true
  model_id             = null
  name                 = "Log Event 1"
  reverse_etl_schedule = null
  settings = jsonencode({
    userId = {
      "@path" = "$.userId"
    }
  })
  settings_wo_version = null
  trigger             = "type = \"track\""
}
