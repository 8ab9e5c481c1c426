import {
  to = segment_transformation.id-lWYmqL8XTMjJzUMgOeQzflJKeMk
  id = "lWYmqL8XTMjJzUMgOeQzflJKeMk"
}

resource "segment_transformation" "id-lWYmqL8XTMjJzUMgOeQzflJKeMk" {
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
  source_id                      = segment_source.id-Yv78hrJWfPP44huJr5aeuG.id
}
