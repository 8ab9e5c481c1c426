import {
  to = segment_source_warehouse_connection.id-Yv78hrJWfPP44huJr5aeuG_f2RTZkXTcEDvyKQ7iuoTi7
  id = "Yv78hrJWfPP44huJr5aeuG:f2RTZkXTcEDvyKQ7iuoTi7"
}

resource "segment_source_warehouse_connection" "id-Yv78hrJWfPP44huJr5aeuG_f2RTZkXTcEDvyKQ7iuoTi7" {
  source_id    = "Yv78hrJWfPP44huJr5aeuG"
  warehouse_id = "f2RTZkXTcEDvyKQ7iuoTi7"
}
