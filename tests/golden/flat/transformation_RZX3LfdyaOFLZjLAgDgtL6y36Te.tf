import {
  to = segment_transformation.id-RZX3LfdyaOFLZjLAgDgtL6y36Te
  id = "RZX3LfdyaOFLZjLAgDgtL6y36Te"
}

resource "segment_transformation" "id-RZX3LfdyaOFLZjLAgDgtL6y36Te" {
  destination_metadata_id = null
  enabled                 = true
  fql_defined_properties  = []
  if                      = "event = \"Order Completed\""
  name                    = "Rename marketing ids 5"
  new_event_name          = null
  property_renames = [
    {
      new_name = "order_id"
      old_name = "orderId"
    },
  ]
  property_value_transformations = []
  source_id                      = segment_source.id-SFUuuAUTeUihD5qB1UMAJb.id
}
