terraform import segment_destination.hooks <destination_id>
