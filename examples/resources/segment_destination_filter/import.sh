terraform import segment_destination_filter.no_page_views <destination_id>:<filter_id>
