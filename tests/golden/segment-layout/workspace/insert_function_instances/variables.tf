variable "insert_function_instance_psq2tew1icda5zkkxhcws5pqqfe_apikey" {
  description = "Secret setting apiKey of segment_insert_function_instance psq2tEW1iCDa5zKKxhcWs5PQQFe"
  type        = string
  sensitive   = true
  default     = null
}
