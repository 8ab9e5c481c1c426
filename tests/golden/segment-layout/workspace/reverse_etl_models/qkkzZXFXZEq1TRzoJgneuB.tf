import {
  to = segment_reverse_etl_model.id-qkkzZXFXZEq1TRzoJgneuB
  id = "qkkzZXFXZEq1TRzoJgneuB"
}

resource "segment_reverse_etl_model" "id-qkkzZXFXZEq1TRzoJgneuB" {
  description             = "Active users of the last 30 days"
  enabled                 = true
  name                    = "Growth users 6"
  query                   = "SELECT id, email FROM growth.users WHERE active"
  query_identifier_column = "id"
  source_id               = "jcL7SPHViue5RRy36mKupr"
}
