resource "segment_label" "team_data" {
  key         = "team"
  value       = "data"
  description = "Owned by the data team"
}
