# Source warehouse connection 'growth-go-6 → ndE1rohVBR3PV1ghWn4Xrn' (F7zybbatWdCfnBv9yxsCyh:ndE1rohVBR3PV1ghWn4Xrn)
import {
  to = segment_source_warehouse_connection.id-F7zybbatWdCfnBv9yxsCyh_ndE1rohVBR3PV1ghWn4Xrn
  id = "F7zybbatWdCfnBv9yxsCyh:ndE1rohVBR3PV1ghWn4Xrn"
}

resource "segment_source_warehouse_connection" "id-F7zybbatWdCfnBv9yxsCyh_ndE1rohVBR3PV1ghWn4Xrn" {
  source_id    = segment_source.id-F7zybbatWdCfnBv9yxsCyh.id
  warehouse_id = segment_warehouse.id-ndE1rohVBR3PV1ghWn4Xrn.id
}
