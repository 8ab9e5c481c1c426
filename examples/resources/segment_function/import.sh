terraform import segment_function.enricher <function_id>
