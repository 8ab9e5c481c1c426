terraform import segment_source_warehouse_connection.web_to_analytics <source_id>:<warehouse_id>
