terraform import segment_destination_subscription.log_events <destination_id>:<subscription_id>
