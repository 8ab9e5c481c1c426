terraform import segment_reverse_etl_model.active_users <model_id>
