# Warehouse 'Checkout warehouse 3' (G5Ew2C8G18PPRr6RzDE1gb): Postgres warehouse
import {
  to = segment_warehouse.id-G5Ew2C8G18PPRr6RzDE1gb
  id = "G5Ew2C8G18PPRr6RzDE1gb"
}

resource "segment_warehouse" "id-G5Ew2C8G18PPRr6RzDE1gb" {
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
    password = var.warehouse_g5ew2c8g18pprr6rzde1gb_password
  })
  settings_wo_version = null
}
