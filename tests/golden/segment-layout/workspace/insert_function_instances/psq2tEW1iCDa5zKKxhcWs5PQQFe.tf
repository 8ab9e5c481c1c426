# Insert function instance 'Web enricher instance 0' (psq2tEW1iCDa5zKKxhcWs5PQQFe)
# Refers by id to Destination 44f5b3fb2e8bd9961caa36df, managed in the root destinations/.
# Refers by id to Function ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz, managed in the root functions/.
import {
  to = segment_insert_function_instance.id-psq2tEW1iCDa5zKKxhcWs5PQQFe
  id = "psq2tEW1iCDa5zKKxhcWs5PQQFe"
}

resource "segment_insert_function_instance" "id-psq2tEW1iCDa5zKKxhcWs5PQQFe" {
  enabled        = true
  function_id    = "ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz"
  integration_id = "44f5b3fb2e8bd9961caa36df"
  name           = "Web enricher instance 0"
  settings       = jsonencode({})
  settings_wo = jsonencode({
    apiKey = var.insert_function_instance_psq2tew1icda5zkkxhcws5pqqfe_apikey
  })
  settings_wo_version = null
}
