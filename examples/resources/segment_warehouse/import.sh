terraform import segment_warehouse.analytics <warehouse_id>
