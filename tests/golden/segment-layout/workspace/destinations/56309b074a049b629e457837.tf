# Destination 'Marketing Facebook Pixel 5' (56309b074a049b629e457837): Facebook Pixel destination
# Refers by id to Source 1B7X8K2MLqFzVupQ85cfad, managed in the root sources/.
import {
  to = segment_destination.id-56309b074a049b629e457837
  id = "56309b074a049b629e457837"
}

resource "segment_destination" "id-56309b074a049b629e457837" {
  enabled = true
  metadata = {
    id = "ab3d81e100f3aefb35b4d224"
  }
  name = "Marketing Facebook Pixel 5"
  settings = jsonencode({
    pixelId         = "marketing-1"
    valueIdentifier = "marketing-1"
  })
  settings_wo_version = null
  source_id           = "1B7X8K2MLqFzVupQ85cfad"
}
