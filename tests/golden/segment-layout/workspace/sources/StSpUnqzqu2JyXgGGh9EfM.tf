# Source 'Checkout Android 3' (slug checkout-android-3, StSpUnqzqu2JyXgGGh9EfM): Android source
# Refers by id to Label team:growth, managed in the root labels/.
import {
  to = segment_source.id-StSpUnqzqu2JyXgGGh9EfM
  id = "StSpUnqzqu2JyXgGGh9EfM"
}

resource "segment_source" "id-StSpUnqzqu2JyXgGGh9EfM" {
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
