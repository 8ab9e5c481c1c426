data "segment_source_metadata" "ios" {
  name = "iOS"
}

output "ios_catalog_id" {
  value = data.segment_source_metadata.ios.id
}
