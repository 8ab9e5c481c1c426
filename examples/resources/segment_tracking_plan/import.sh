terraform import segment_tracking_plan.web <tracking_plan_id>
