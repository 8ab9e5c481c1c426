terraform import segment_source_tracking_plan_connection.web <source_id>:<tracking_plan_id>
