data "segment_role" "owner" {
  name = "Workspace Owner"
}

output "owner_role_id" {
  value = data.segment_role.owner.id
}
