# Source 'Web Javascript 0' (slug web-javascript-0, G1eApxSge2Z6MtZkCoSfjx): Javascript source
import {
  to = segment_source.id-G1eApxSge2Z6MtZkCoSfjx
  id = "G1eApxSge2Z6MtZkCoSfjx"
}

resource "segment_source" "id-G1eApxSge2Z6MtZkCoSfjx" {
  enabled = true
  labels = [
    {
      key   = segment_label.id-environment_prod.key
      value = segment_label.id-environment_prod.value
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
