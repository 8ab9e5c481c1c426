variable "warehouse_5uteag1scq3r8s2qhcskfb_password" {
  description = "Secret setting password of segment_warehouse 5UTeaG1sCQ3r8S2QhcSKFB"
  type        = string
  sensitive   = true
  default     = null
}

variable "warehouse_g5ew2c8g18pprr6rzde1gb_password" {
  description = "Secret setting password of segment_warehouse G5Ew2C8G18PPRr6RzDE1gb"
  type        = string
  sensitive   = true
  default     = null
}

variable "warehouse_nde1rohvbr3pv1ghwn4xrn_password" {
  description = "Secret setting password of segment_warehouse ndE1rohVBR3PV1ghWn4Xrn"
  type        = string
  sensitive   = true
  default     = null
}
