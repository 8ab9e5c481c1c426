data "segment_role" "member" {
  name = "Workspace Member"
}

resource "segment_user" "ada" {
  email = "ada@example.com"
  permissions = [{
    role_id   = data.segment_role.member.id
    resources = [{ id = "workspace", type = "WORKSPACE", labels = [] }]
  }]
}
