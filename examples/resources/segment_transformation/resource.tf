data "segment_source_metadata" "javascript" {
  slug = "javascript"
}

resource "segment_source" "web" {
  slug     = "web"
  name     = "Website"
  enabled  = true
  metadata = { id = data.segment_source_metadata.javascript.id }
  settings = jsonencode({})
}

resource "segment_transformation" "rename_order" {
  source_id      = segment_source.web.id
  name           = "Rename orders"
  enabled        = true
  if             = "event = \"Order Completed\""
  new_event_name = "Order Placed"
  property_renames = [
    { old_name = "orderId", new_name = "order_id" },
  ]
  property_value_transformations = []
  fql_defined_properties         = []
}
