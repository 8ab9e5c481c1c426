# Import a source by its id.
terraform import segment_source.billing <source_id>
