# Transformation 'Rename web ids 0' (dv1BHYuYzZcU8oNqKw8hzLDAHcl)
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
  source_id                      = segment_source.id-G1eApxSge2Z6MtZkCoSfjx.id
}
