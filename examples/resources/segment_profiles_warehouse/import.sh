terraform import segment_profiles_warehouse.profiles <space_id>:<warehouse_id>
