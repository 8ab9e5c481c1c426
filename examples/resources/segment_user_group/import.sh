terraform import segment_user_group.data_team <group_id>
