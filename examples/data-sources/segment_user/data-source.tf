variable "email" {
  type        = string
  description = "The email of an existing workspace user."
}

# Look a user up by email (or id, or name); every page of users is searched.
data "segment_user" "someone" {
  email = var.email
}

output "user_id" {
  value = data.segment_user.someone.id
}
