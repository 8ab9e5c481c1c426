# Warehouse 'Growth warehouse 6' (ndE1rohVBR3PV1ghWn4Xrn): Snowflake warehouse
import {
  to = segment_warehouse.id-ndE1rohVBR3PV1ghWn4Xrn
  id = "ndE1rohVBR3PV1ghWn4Xrn"
}

resource "segment_warehouse" "id-ndE1rohVBR3PV1ghWn4Xrn" {
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
    password = var.warehouse_nde1rohvbr3pv1ghwn4xrn_password
  })
  settings_wo_version = null
}
