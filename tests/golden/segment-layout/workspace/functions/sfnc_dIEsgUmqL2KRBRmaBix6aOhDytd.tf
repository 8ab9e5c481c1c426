# Function 'Growth enricher 6' (sfnc_dIEsgUmqL2KRBRmaBix6aOhDytd): Source function
import {
  to = segment_function.id-sfnc_dIEsgUmqL2KRBRmaBix6aOhDytd
  id = "sfnc_dIEsgUmqL2KRBRmaBix6aOhDytd"
}

resource "segment_function" "id-sfnc_dIEsgUmqL2KRBRmaBix6aOhDytd" {
  code          = <<EOT
async function onTrack(event, settings) {
  // growth 6
  return event;
}
EOT
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
