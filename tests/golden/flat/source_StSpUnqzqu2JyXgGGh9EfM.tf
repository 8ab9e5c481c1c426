# Source 'Checkout Android 3' (slug checkout-android-3, StSpUnqzqu2JyXgGGh9EfM): Android source
import {
  to = segment_source.id-StSpUnqzqu2JyXgGGh9EfM
  id = "StSpUnqzqu2JyXgGGh9EfM"
}

resource "segment_source" "id-StSpUnqzqu2JyXgGGh9EfM" {
  enabled = true
  labels = [
    {
      key   = segment_label.id-team_growth.key
      value = segment_label.id-team_growth.value
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
