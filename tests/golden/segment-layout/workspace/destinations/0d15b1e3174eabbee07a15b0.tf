# Destination 'Marketing Customer.io 5' (0d15b1e3174eabbee07a15b0): Customer.io destination
# Refers by id to Source 1B7X8K2MLqFzVupQ85cfad, managed in the root sources/.
import {
  to = segment_destination.id-0d15b1e3174eabbee07a15b0
  id = "0d15b1e3174eabbee07a15b0"
}

resource "segment_destination" "id-0d15b1e3174eabbee07a15b0" {
  enabled = true
  metadata = {
    id = "2248580334518a2df50c0c80"
  }
  name = "Marketing Customer.io 5"
  settings = jsonencode({
    siteId = "marketing-0"
  })
  settings_wo = jsonencode({
    apiKey = var.destination_0d15b1e3174eabbee07a15b0_apikey
  })
  settings_wo_version = null
  source_id           = "1B7X8K2MLqFzVupQ85cfad"
}
