import {
  to = segment_warehouse.id-R1HmXQtKVyKMo6SqPkZvtv
  id = "R1HmXQtKVyKMo6SqPkZvtv"
}

resource "segment_warehouse" "id-R1HmXQtKVyKMo6SqPkZvtv" {
  enabled = true
  metadata = {
    id = "7TXXgNSfDV"
  }
  name = "Checkout warehouse 3"
  settings = jsonencode({
    database = "checkout_3"
    hostname = "checkout_3"
    port     = 5432
    username = "checkout_3"
  })
  settings_wo = jsonencode({
    password = var.warehouse_r1hmxqtkvykmo6sqpkzvtv_password
  })
  settings_wo_version = null
}
