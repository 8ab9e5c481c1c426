import {
  to = segment_source_warehouse_connection.id-Fao5axBCDqzNeMYFRfspV9_R1HmXQtKVyKMo6SqPkZvtv
  id = "Fao5axBCDqzNeMYFRfspV9:R1HmXQtKVyKMo6SqPkZvtv"
}

resource "segment_source_warehouse_connection" "id-Fao5axBCDqzNeMYFRfspV9_R1HmXQtKVyKMo6SqPkZvtv" {
  source_id    = "Fao5axBCDqzNeMYFRfspV9"
  warehouse_id = "R1HmXQtKVyKMo6SqPkZvtv"
}
