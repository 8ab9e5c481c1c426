# Warehouse 'Web warehouse 0' (5UTeaG1sCQ3r8S2QhcSKFB): Snowflake warehouse
import {
  to = segment_warehouse.id-5UTeaG1sCQ3r8S2QhcSKFB
  id = "5UTeaG1sCQ3r8S2QhcSKFB"
}

resource "segment_warehouse" "id-5UTeaG1sCQ3r8S2QhcSKFB" {
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
    password = var.warehouse_5uteag1scq3r8s2qhcskfb_password
  })
  settings_wo_version = null
}
