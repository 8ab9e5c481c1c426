import {
  to = segment_source.id-Fao5axBCDqzNeMYFRfspV9
  id = "Fao5axBCDqzNeMYFRfspV9"
}

resource "segment_source" "id-Fao5axBCDqzNeMYFRfspV9" {
  enabled = true
  labels = [
    {
      key   = "team"
      value = "growth"
    },
  ]
  metadata = {
    id = "uhDsVvnSni"
  }
  name = "Checkout Android 3"
  settings = jsonencode({
    trackDeepLinks = false
  })
  settings_wo_version = null
  slug                = "checkout-android-3"
}
