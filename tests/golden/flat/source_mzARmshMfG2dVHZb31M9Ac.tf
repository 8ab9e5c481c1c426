import {
  to = segment_source.id-mzARmshMfG2dVHZb31M9Ac
  id = "mzARmshMfG2dVHZb31M9Ac"
}

resource "segment_source" "id-mzARmshMfG2dVHZb31M9Ac" {
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
