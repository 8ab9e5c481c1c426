# Source warehouse connection 'web-javascript-0 → 5UTeaG1sCQ3r8S2QhcSKFB' (G1eApxSge2Z6MtZkCoSfjx:5UTeaG1sCQ3r8S2QhcSKFB)
import {
  to = segment_source_warehouse_connection.id-G1eApxSge2Z6MtZkCoSfjx_5UTeaG1sCQ3r8S2QhcSKFB
  id = "G1eApxSge2Z6MtZkCoSfjx:5UTeaG1sCQ3r8S2QhcSKFB"
}

resource "segment_source_warehouse_connection" "id-G1eApxSge2Z6MtZkCoSfjx_5UTeaG1sCQ3r8S2QhcSKFB" {
  source_id    = segment_source.id-G1eApxSge2Z6MtZkCoSfjx.id
  warehouse_id = segment_warehouse.id-5UTeaG1sCQ3r8S2QhcSKFB.id
}
