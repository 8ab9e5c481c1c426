import {
  to = segment_function.id-ifnd_n00NG0s80SrHpA0ZAseLc69ltkP
  id = "ifnd_n00NG0s80SrHpA0ZAseLc69ltkP"
}

resource "segment_function" "id-ifnd_n00NG0s80SrHpA0ZAseLc69ltkP" {
  code          = "async function onTrack(event, settings) {\n  // web 0\n  return event;\n}\n"
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
