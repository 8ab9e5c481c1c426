terraform import segment_label.team_data team:data
