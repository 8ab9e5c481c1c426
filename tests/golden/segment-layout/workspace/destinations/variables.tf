variable "destination_06a00e898a6c4d9c15ed4984_sharedsecret" {
  description = "Secret setting sharedSecret of segment_destination 06a00e898a6c4d9c15ed4984"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_0b9f07c873a5be7b1d855a15_apisecret" {
  description = "Secret setting apiSecret of segment_destination 0b9f07c873a5be7b1d855a15"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_0b9f07c873a5be7b1d855a15_token" {
  description = "Secret setting token of segment_destination 0b9f07c873a5be7b1d855a15"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_0d15b1e3174eabbee07a15b0_apikey" {
  description = "Secret setting apiKey of segment_destination 0d15b1e3174eabbee07a15b0"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_28db012c51533b2b8661be19_apikey" {
  description = "Secret setting apiKey of segment_destination 28db012c51533b2b8661be19"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_28db012c51533b2b8661be19_secretkey" {
  description = "Secret setting secretKey of segment_destination 28db012c51533b2b8661be19"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_3e3029213b4da99d7c4681c8_sharedsecret" {
  description = "Secret setting sharedSecret of segment_destination 3e3029213b4da99d7c4681c8"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_44f5b3fb2e8bd9961caa36df_apisecret" {
  description = "Secret setting apiSecret of segment_destination 44f5b3fb2e8bd9961caa36df"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_73e2df46b0e7da38a1440f6e_apikey" {
  description = "Secret setting apiKey of segment_destination 73e2df46b0e7da38a1440f6e"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_7ca1dfa605ce5591eba222c3_restapikey" {
  description = "Secret setting restApiKey of segment_destination 7ca1dfa605ce5591eba222c3"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_94f9cef5870725c764be85c5_incomingwebhookurl" {
  description = "Secret setting incomingWebhookUrl of segment_destination 94f9cef5870725c764be85c5"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_a23f32f354a6646a1c4e9c41_apikey" {
  description = "Secret setting apiKey of segment_destination a23f32f354a6646a1c4e9c41"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_bb6ac5ac745d3db6959f6006_apikey" {
  description = "Secret setting apiKey of segment_destination bb6ac5ac745d3db6959f6006"
  type        = string
  sensitive   = true
  default     = null
}

variable "destination_be2803d350576b5b43f55a14_apikey" {
  description = "Secret setting apiKey of segment_destination be2803d350576b5b43f55a14"
  type        = string
  sensitive   = true
  default     = null
}
