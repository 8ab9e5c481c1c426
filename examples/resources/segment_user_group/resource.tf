data "segment_role" "source_admin" {
  name = "Source Admin"
}

resource "segment_user_group" "data_team" {
  name    = "Data team"
  members = ["ada@example.com", "grace@example.com"]
  permissions = [{
    role_id = data.segment_role.source_admin.id
  }]
}
