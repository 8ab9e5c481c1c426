# Destination 'Growth Salesforce (Actions) 6' (bb775a2e7cf4287c75fa77de): Salesforce (Actions) destination
# Refers by id to Source F7zybbatWdCfnBv9yxsCyh, managed in the root sources/.
import {
  to = segment_destination.id-bb775a2e7cf4287c75fa77de
  id = "bb775a2e7cf4287c75fa77de"
}

resource "segment_destination" "id-bb775a2e7cf4287c75fa77de" {
  enabled = true
  metadata = {
    id = "0841413e3f2a779642287d74"
  }
  name = "Growth Salesforce (Actions) 6"
  settings = jsonencode({
    instanceUrl = "growth-1"
  })
  settings_wo_version = null
  source_id           = "F7zybbatWdCfnBv9yxsCyh"
}
