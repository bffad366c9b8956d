variable "aws_region" {
  type        = string
  description = "AWS region of the environment."
  default     = "us-east-1"
}

variable "alert_email_addresses" {
  type        = list(string)
  description = "Email addresses subscribed to the alerts topic (each recipient must confirm the subscription)."
  default     = []
}
