# Transformation 'Rename marketing ids 5' (RRBbNqzQxWw8VbXQjwmZmYC6zIR)
# Refers by id to Source 1B7X8K2MLqFzVupQ85cfad, managed in the root sources/.
import {
  to = segment_transformation.id-RRBbNqzQxWw8VbXQjwmZmYC6zIR
  id = "RRBbNqzQxWw8VbXQjwmZmYC6zIR"
}

resource "segment_transformation" "id-RRBbNqzQxWw8VbXQjwmZmYC6zIR" {
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
  source_id                      = "1B7X8K2MLqFzVupQ85cfad"
}
