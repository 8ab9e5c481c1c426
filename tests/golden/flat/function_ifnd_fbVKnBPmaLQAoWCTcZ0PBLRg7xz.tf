# Function 'Web enricher 0' (ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz): Insert destination function
import {
  to = segment_function.id-ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz
  id = "ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz"
}

resource "segment_function" "id-ifnd_fbVKnBPmaLQAoWCTcZ0PBLRg7xz" {
  code          = <<EOT
async function onTrack(event, settings) {
  // web 0
  return event;
}
EOT
  description   = "Adds account data to events"
  display_name  = "Web enricher 0"
  logo_url      = null
  resource_type = "INSERT_DESTINATION"
  settings = [
    {
      description = "Key of the downstream service"
      label       = "API key"
      name        = "apiKey"
      required    = true
      sensitive   = true
      type        = "STRING"
    },
  ]
}
