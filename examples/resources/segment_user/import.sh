# Users (not pending invitations) are imported by user id.
terraform import segment_user.ada <user_id>
