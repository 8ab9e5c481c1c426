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
