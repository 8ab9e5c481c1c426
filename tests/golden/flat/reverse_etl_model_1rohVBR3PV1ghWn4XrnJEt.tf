import {
  to = segment_reverse_etl_model.id-1rohVBR3PV1ghWn4XrnJEt
  id = "1rohVBR3PV1ghWn4XrnJEt"
}

resource "segment_reverse_etl_model" "id-1rohVBR3PV1ghWn4XrnJEt" {
  description             = "Active users of the last 30 days"
  enabled                 = true
  name                    = "Android users 2"
  query                   = "SELECT id, email FROM android.users WHERE active"
  query_identifier_column = "id"
  source_id               = segment_source.id-yb7KR2ojHb3mGtHfk7YKPD.id
}
