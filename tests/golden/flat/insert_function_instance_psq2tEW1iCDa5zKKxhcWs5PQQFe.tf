# Insert function instance 'Web enricher instance 0' (psq2tEW1iCDa5zKKxhcWs5PQQFe)
import {
  to = segment_insert_function_instance.id-psq2tEW1iCDa5zKKxhcWs5PQQFe
  id = "psq2tEW1iCDa5zKKxhcWs5PQQFe"
}

resource "segment_insert_function_instance" "id-psq2tEW1iCDa5zKKxhcWs5PQQFe" {
  enabled        = true
  function_id    = segment_function.id-ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz.id
  integration_id = segment_destination.id-44f5b3fb2e8bd9961caa36df.id
  name           = "Web enricher instance 0"
  settings       = jsonencode({})
  settings_wo = jsonencode({
    apiKey = var.insert_function_instance_psq2tew1icda5zkkxhcws5pqqfe_apikey
  })
  settings_wo_version = null
}
