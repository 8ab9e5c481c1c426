# Tracking plan 'Web plan 0' (tp_urRFQkPthw9oMHHiQ5qdRbQHEaz)
import {
  to = segment_tracking_plan.id-tp_urRFQkPthw9oMHHiQ5qdRbQHEaz
  id = "tp_urRFQkPthw9oMHHiQ5qdRbQHEaz"
}

resource "segment_tracking_plan" "id-tp_urRFQkPthw9oMHHiQ5qdRbQHEaz" {
  description = "Events the team relies on"
  name        = "Web plan 0"
  rules = [
    {
      json_schema = jsonencode({
        properties = {
          properties = {
            required = ["id"]
            type     = "object"
          }
        }
        type = "object"
      })
      key     = "Checkout Started"
      type    = "TRACK"
      version = 1
    },
    {
      json_schema = jsonencode({
        properties = {
          properties = {
            required = ["id"]
            type     = "object"
          }
        }
        type = "object"
      })
      key     = "Order Completed"
      type    = "TRACK"
      version = 1
    },
    {
      json_schema = jsonencode({
        properties = {
          properties = {
            required = ["id"]
            type     = "object"
          }
        }
        type = "object"
      })
      key     = "Product Viewed"
      type    = "TRACK"
      version = 1
    },
    {
      json_schema = jsonencode({
        properties = {
          properties = {
            required = ["id"]
            type     = "object"
          }
        }
        type = "object"
      })
      key     = "Signed Up"
      type    = "TRACK"
      version = 1
    },
    {
      json_schema = jsonencode({
        type = "object"
      })
      key     = null
      type    = "IDENTIFY"
      version = 1
    },
  ]
  type = "LIVE"
}
