variable "profiles_warehouse_spa_b6sulhdsudh5xsgwd82hyq_zzahwyxv5avp9sfqkssh5s_password" {
  description = "Secret setting password of segment_profiles_warehouse spa_b6SULhDsUdH5xsGwD82hYQ:ZZahwYxV5AvP9sfQKssH5S"
  type        = string
  sensitive   = true
  default     = null
}
