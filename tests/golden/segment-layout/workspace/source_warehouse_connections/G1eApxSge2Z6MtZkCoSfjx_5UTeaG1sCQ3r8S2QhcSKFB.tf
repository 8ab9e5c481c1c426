# Source warehouse connection 'web-javascript-0 → 5UTeaG1sCQ3r8S2QhcSKFB' (G1eApxSge2Z6MtZkCoSfjx:5UTeaG1sCQ3r8S2QhcSKFB)
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
# Refers by id to Warehouse 5UTeaG1sCQ3r8S2QhcSKFB, managed in the root warehouses/.
import {
  to = segment_source_warehouse_connection.id-G1eApxSge2Z6MtZkCoSfjx_5UTeaG1sCQ3r8S2QhcSKFB
  id = "G1eApxSge2Z6MtZkCoSfjx:5UTeaG1sCQ3r8S2QhcSKFB"
}

resource "segment_source_warehouse_connection" "id-G1eApxSge2Z6MtZkCoSfjx_5UTeaG1sCQ3r8S2QhcSKFB" {
  source_id    = "G1eApxSge2Z6MtZkCoSfjx"
  warehouse_id = "5UTeaG1sCQ3r8S2QhcSKFB"
}
