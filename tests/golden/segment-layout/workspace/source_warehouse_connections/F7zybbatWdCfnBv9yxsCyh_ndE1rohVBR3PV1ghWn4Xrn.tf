# Source warehouse connection 'growth-go-6 → ndE1rohVBR3PV1ghWn4Xrn' (F7zybbatWdCfnBv9yxsCyh:ndE1rohVBR3PV1ghWn4Xrn)
# Refers by id to Source F7zybbatWdCfnBv9yxsCyh, managed in the root sources/.
# Refers by id to Warehouse ndE1rohVBR3PV1ghWn4Xrn, managed in the root warehouses/.
import {
  to = segment_source_warehouse_connection.id-F7zybbatWdCfnBv9yxsCyh_ndE1rohVBR3PV1ghWn4Xrn
  id = "F7zybbatWdCfnBv9yxsCyh:ndE1rohVBR3PV1ghWn4Xrn"
}

resource "segment_source_warehouse_connection" "id-F7zybbatWdCfnBv9yxsCyh_ndE1rohVBR3PV1ghWn4Xrn" {
  source_id    = "F7zybbatWdCfnBv9yxsCyh"
  warehouse_id = "ndE1rohVBR3PV1ghWn4Xrn"
}
