data "segment_workspace" "current" {}

output "workspace" {
  value = data.segment_workspace.current.slug
}
