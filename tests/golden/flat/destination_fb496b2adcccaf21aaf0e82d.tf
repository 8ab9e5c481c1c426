import {
  to = segment_destination.id-fb496b2adcccaf21aaf0e82d
  id = "fb496b2adcccaf21aaf0e82d"
}

resource "segment_destination" "id-fb496b2adcccaf21aaf0e82d" {
  enabled = true
  metadata = {
    id = "0841413e3f2a779642287d74"
  }
  name = "Growth Salesforce (Actions) 6"
  settings = jsonencode({
    instanceUrl = "growth-1"
  })
  settings_wo_version = null
  source_id           = segment_source.id-jcL7SPHViue5RRy36mKupr.id
}
