import {
  to = segment_destination.id-f6d9818238f40b838d46031d
  id = "f6d9818238f40b838d46031d"
}

resource "segment_destination" "id-f6d9818238f40b838d46031d" {
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
  source_id           = segment_source.id-SFUuuAUTeUihD5qB1UMAJb.id
}
