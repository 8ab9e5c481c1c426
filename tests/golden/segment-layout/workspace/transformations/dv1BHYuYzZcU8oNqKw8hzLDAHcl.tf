# Transformation 'Rename web ids 0' (dv1BHYuYzZcU8oNqKw8hzLDAHcl)
# Refers by id to Source G1eApxSge2Z6MtZkCoSfjx, managed in the root sources/.
import {
  to = segment_transformation.id-dv1BHYuYzZcU8oNqKw8hzLDAHcl
  id = "dv1BHYuYzZcU8oNqKw8hzLDAHcl"
}

resource "segment_transformation" "id-dv1BHYuYzZcU8oNqKw8hzLDAHcl" {
  destination_metadata_id = null
  enabled                 = true
  fql_defined_properties  = []
  if                      = "event = \"Order Completed\""
  name                    = "Rename web ids 0"
  new_event_name          = null
  property_renames = [
    {
      new_name = "order_id"
      old_name = "orderId"
    },
  ]
  property_value_transformations = []
  source_id                      = "G1eApxSge2Z6MtZkCoSfjx"
}
