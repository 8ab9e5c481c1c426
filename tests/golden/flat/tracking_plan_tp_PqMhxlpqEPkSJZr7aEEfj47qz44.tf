# Tracking plan 'Billing plan 4' (tp_PqMhxlpqEPkSJZr7aEEfj47qz44)
import {
  to = segment_tracking_plan.id-tp_PqMhxlpqEPkSJZr7aEEfj47qz44
  id = "tp_PqMhxlpqEPkSJZr7aEEfj47qz44"
}

resource "segment_tracking_plan" "id-tp_PqMhxlpqEPkSJZr7aEEfj47qz44" {
  description = "Events the team relies on"
  name        = "Billing plan 4"
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
