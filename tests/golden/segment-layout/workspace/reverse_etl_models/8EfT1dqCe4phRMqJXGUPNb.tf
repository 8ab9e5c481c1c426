# Reverse ETL model 'Android users 2' (8EfT1dqCe4phRMqJXGUPNb)
# Refers by id to Source EHTxfhT3Ksc5taxC5Fdotq, managed in the root sources/.
import {
  to = segment_reverse_etl_model.id-8EfT1dqCe4phRMqJXGUPNb
  id = "8EfT1dqCe4phRMqJXGUPNb"
}

resource "segment_reverse_etl_model" "id-8EfT1dqCe4phRMqJXGUPNb" {
  description             = "Active users of the last 30 days"
  enabled                 = true
  name                    = "Android users 2"
  query                   = "SELECT id, email FROM android.users WHERE active"
  query_identifier_column = "id"
  source_id               = "EHTxfhT3Ksc5taxC5Fdotq"
}
