import {
  to = segment_function.id-sfnc_pek5TrMZJztorzkJ5SDmiRmFh7w
  id = "sfnc_pek5TrMZJztorzkJ5SDmiRmFh7w"
}

resource "segment_function" "id-sfnc_pek5TrMZJztorzkJ5SDmiRmFh7w" {
  code          = "async function onTrack(event, settings) {\n  // growth 6\n  return event;\n}\n"
  description   = "Adds account data to events"
  display_name  = "Growth enricher 6"
  logo_url      = null
  resource_type = "SOURCE"
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
