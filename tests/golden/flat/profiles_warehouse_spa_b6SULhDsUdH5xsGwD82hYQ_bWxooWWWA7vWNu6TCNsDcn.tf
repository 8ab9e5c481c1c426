import {
  to = segment_profiles_warehouse.id-spa_b6SULhDsUdH5xsGwD82hYQ_bWxooWWWA7vWNu6TCNsDcn
  id = "spa_b6SULhDsUdH5xsGwD82hYQ:bWxooWWWA7vWNu6TCNsDcn"
}

resource "segment_profiles_warehouse" "id-spa_b6SULhDsUdH5xsGwD82hYQ_bWxooWWWA7vWNu6TCNsDcn" {
  enabled     = true
  metadata_id = "vVLNRUyrvf"
  name        = "Profiles 0"
  schema_name = "profiles_0"
  settings = jsonencode({
    account = "acme"
  })
  settings_wo = jsonencode({
    password = var.profiles_warehouse_spa_b6sulhdsudh5xsgwd82hyq_bwxoowwwa7vwnu6tcnsdcn_password
  })
  settings_wo_version = null
  space_id            = "spa_b6SULhDsUdH5xsGwD82hYQ"
}
