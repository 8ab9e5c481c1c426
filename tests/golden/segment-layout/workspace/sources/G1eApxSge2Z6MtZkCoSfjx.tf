# Source 'Web Javascript 0' (slug web-javascript-0, G1eApxSge2Z6MtZkCoSfjx): Javascript source
# Refers by id to Label environment:prod, managed in the root labels/.
import {
  to = segment_source.id-G1eApxSge2Z6MtZkCoSfjx
  id = "G1eApxSge2Z6MtZkCoSfjx"
}

resource "segment_source" "id-G1eApxSge2Z6MtZkCoSfjx" {
  enabled = true
  labels = [
    {
      key   = "environment"
      value = "prod"
    },
  ]
  metadata = {
    id = "7zaK1XNDhN"
  }
  name = "Web Javascript 0"
  settings = jsonencode({
    useConsentManager = false
  })
  settings_wo_version = null
  slug                = "web-javascript-0"
}
