# Profiles warehouse 'Profiles 0' (spa_b6SULhDsUdH5xsGwD82hYQ:ZZahwYxV5AvP9sfQKssH5S)
import {
  to = segment_profiles_warehouse.id-spa_b6SULhDsUdH5xsGwD82hYQ_ZZahwYxV5AvP9sfQKssH5S
  id = "spa_b6SULhDsUdH5xsGwD82hYQ:ZZahwYxV5AvP9sfQKssH5S"
}

resource "segment_profiles_warehouse" "id-spa_b6SULhDsUdH5xsGwD82hYQ_ZZahwYxV5AvP9sfQKssH5S" {
  enabled     = true
  metadata_id = "vVLNRUyrvf"
  name        = "Profiles 0"
  schema_name = "profiles_0"
  settings = jsonencode({
    account = "acme"
  })
  settings_wo = jsonencode({
    password = var.profiles_warehouse_spa_b6sulhdsudh5xsgwd82hyq_zzahwyxv5avp9sfqkssh5s_password
  })
  settings_wo_version = null
  space_id            = "spa_b6SULhDsUdH5xsGwD82hYQ"
}
