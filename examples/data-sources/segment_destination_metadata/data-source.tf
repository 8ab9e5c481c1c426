data "segment_destination_metadata" "amplitude" {
  slug = "actions-amplitude"
}

output "amplitude_actions" {
  value = [for a in data.segment_destination_metadata.amplitude.actions : a.slug]
}
