import {
  to = segment_warehouse.id-zZDQiT1kT92BfJNCeCXrKD
  id = "zZDQiT1kT92BfJNCeCXrKD"
}

resource "segment_warehouse" "id-zZDQiT1kT92BfJNCeCXrKD" {
  enabled = true
  metadata = {
    id = "vVLNRUyrvf"
  }
  name = "Growth warehouse 6"
  settings = jsonencode({
    account   = "growth_6"
    database  = "growth_6"
    username  = "growth_6"
    warehouse = "growth_6"
  })
  settings_wo = jsonencode({
    password = var.warehouse_zzdqit1kt92bfjncecxrkd_password
  })
  settings_wo_version = null
}
