import {
  to = segment_source_warehouse_connection.id-jcL7SPHViue5RRy36mKupr_zZDQiT1kT92BfJNCeCXrKD
  id = "jcL7SPHViue5RRy36mKupr:zZDQiT1kT92BfJNCeCXrKD"
}

resource "segment_source_warehouse_connection" "id-jcL7SPHViue5RRy36mKupr_zZDQiT1kT92BfJNCeCXrKD" {
  source_id    = segment_source.id-jcL7SPHViue5RRy36mKupr.id
  warehouse_id = segment_warehouse.id-zZDQiT1kT92BfJNCeCXrKD.id
}
