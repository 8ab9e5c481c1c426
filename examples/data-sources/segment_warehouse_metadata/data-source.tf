data "segment_warehouse_metadata" "snowflake" {
  slug = "snowflake"
}

output "snowflake_options" {
  value = [for o in data.segment_warehouse_metadata.snowflake.options : o.name]
}
