# Reverse ETL model 'Growth users 6' (1VTv4bXjnj8m9bNv72j8a3)
# Refers by id to Source F7zybbatWdCfnBv9yxsCyh, managed in the root sources/.
import {
  to = segment_reverse_etl_model.id-1VTv4bXjnj8m9bNv72j8a3
  id = "1VTv4bXjnj8m9bNv72j8a3"
}

resource "segment_reverse_etl_model" "id-1VTv4bXjnj8m9bNv72j8a3" {
  description             = "Active users of the last 30 days"
  enabled                 = true
  name                    = "Growth users 6"
  query                   = "SELECT id, email FROM growth.users WHERE active"
  query_identifier_column = "id"
  source_id               = "F7zybbatWdCfnBv9yxsCyh"
}
