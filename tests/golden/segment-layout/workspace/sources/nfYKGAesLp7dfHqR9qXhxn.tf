# Source 'Billing Node.js 4' (slug billing-node-js-4, nfYKGAesLp7dfHqR9qXhxn): Node.js source
# Refers by id to Label team:data, managed in the root labels/.
import {
  to = segment_source.id-nfYKGAesLp7dfHqR9qXhxn
  id = "nfYKGAesLp7dfHqR9qXhxn"
}

resource "segment_source" "id-nfYKGAesLp7dfHqR9qXhxn" {
  enabled = true
  labels = [
    {
      key   = "team"
      value = "data"
    },
  ]
  metadata = {
    id = "dHKYs37ZVF"
  }
  name                = "Billing Node.js 4"
  settings            = jsonencode({})
  settings_wo_version = null
  slug                = "billing-node-js-4"
}
