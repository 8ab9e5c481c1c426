import {
  to = segment_source_warehouse_connection.id-Yv78hrJWfPP44huJr5aeuG_f2RTZkXTcEDvyKQ7iuoTi7
  id = "Yv78hrJWfPP44huJr5aeuG:f2RTZkXTcEDvyKQ7iuoTi7"
}

resource "segment_source_warehouse_connection" "id-Yv78hrJWfPP44huJr5aeuG_f2RTZkXTcEDvyKQ7iuoTi7" {
  source_id    = segment_source.id-Yv78hrJWfPP44huJr5aeuG.id
  warehouse_id = segment_warehouse.id-f2RTZkXTcEDvyKQ7iuoTi7.id
}
