variable "destination_002edb7abfd473e2df46b0e7_apikey" {
  description = "Secret setting apiKey of segment_destination 002edb7abfd473e2df46b0e7"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_002edb7abfd473e2df46b0e7_secretkey" {
  description = "Secret setting secretKey of segment_destination 002edb7abfd473e2df46b0e7"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_1bbb775a2e7cf4287c75fa77_apikey" {
  description = "Secret setting apiKey of segment_destination 1bbb775a2e7cf4287c75fa77"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_6a74d28327fd336d00bb89a0_sharedsecret" {
  description = "Secret setting sharedSecret of segment_destination 6a74d28327fd336d00bb89a0"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_7959e8392ff3b6eeffc7ab4b_restapikey" {
  description = "Secret setting restApiKey of segment_destination 7959e8392ff3b6eeffc7ab4b"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_839072fdee8039155fb8e1a3_apisecret" {
  description = "Secret setting apiSecret of segment_destination 839072fdee8039155fb8e1a3"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_91211082505d44ed6919a4e1_apisecret" {
  description = "Secret setting apiSecret of segment_destination 91211082505d44ed6919a4e1"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_91211082505d44ed6919a4e1_token" {
  description = "Secret setting token of segment_destination 91211082505d44ed6919a4e1"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_95441de786853f16e2f57d03_apikey" {
  description = "Secret setting apiKey of segment_destination 95441de786853f16e2f57d03"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_99c0467badc7e20fd94f9cef_apikey" {
  description = "Secret setting apiKey of segment_destination 99c0467badc7e20fd94f9cef"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_a640ae6e91f77bec3b6faace_incomingwebhookurl" {
  description = "Secret setting incomingWebhookUrl of segment_destination a640ae6e91f77bec3b6faace"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_b440fa20914c0c584962a36e_apikey" {
  description = "Secret setting apiKey of segment_destination b440fa20914c0c584962a36e"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_eefc89047cf72717e6d1c7f8_apikey" {
  description = "Secret setting apiKey of segment_destination eefc89047cf72717e6d1c7f8"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_ff9dc16dd646184002aa58c0_sharedsecret" {
  description = "Secret setting sharedSecret of segment_destination ff9dc16dd646184002aa58c0"
  type        = string
  sensitive   = true
  default     = null
}

variable "insert_function_instance_cpluenglxjhqahjc2zqgjfazdgs_apikey" {
  description = "Secret setting apiKey of segment_insert_function_instance CpLuEnGlXjhQAHJC2ZQgJfaZdGS"
  type        = string
  sensitive   = true
  default     = null
}

variable "profiles_warehouse_spa_b6sulhdsudh5xsgwd82hyq_bwxoowwwa7vwnu6tcnsdcn_password" {
  description = "Secret setting password of segment_profiles_warehouse spa_b6SULhDsUdH5xsGwD82hYQ:bWxooWWWA7vWNu6TCNsDcn"
  type        = string
  sensitive   = true
  default     = null
}

variable "warehouse_f2rtzkxtcedvykq7iuoti7_password" {
  description = "Secret setting password of segment_warehouse f2RTZkXTcEDvyKQ7iuoTi7"
  type        = string
  sensitive   = true
  default     = null
}

variable "warehouse_r1hmxqtkvykmo6sqpkzvtv_password" {
  description = "Secret setting password of segment_warehouse R1HmXQtKVyKMo6SqPkZvtv"
  type        = string
  sensitive   = true
  default     = null
}

variable "warehouse_zzdqit1kt92bfjncecxrkd_password" {
  description = "Secret setting password of segment_warehouse zZDQiT1kT92BfJNCeCXrKD"
  type        = string
  sensitive   = true
  default     = null
}
