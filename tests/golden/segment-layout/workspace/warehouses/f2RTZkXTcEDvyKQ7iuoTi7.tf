import {
  to = segment_warehouse.id-f2RTZkXTcEDvyKQ7iuoTi7
  id = "f2RTZkXTcEDvyKQ7iuoTi7"
}

resource "segment_warehouse" "id-f2RTZkXTcEDvyKQ7iuoTi7" {
  enabled = true
  metadata = {
    id = "vVLNRUyrvf"
  }
  name = "Web warehouse 0"
  settings = jsonencode({
    account   = "web_0"
    database  = "web_0"
    username  = "web_0"
    warehouse = "web_0"
  })
  settings_wo = jsonencode({
    password = var.warehouse_f2rtzkxtcedvykq7iuoti7_password
  })
  settings_wo_version = null
}
