variable "name" {
  type        = string
  description = "Topic name, e.g. ecommerce-alerts-prod (FIFO topics end in .fifo)."
}

variable "display_name" {
  type        = string
  description = "Display name used as the sender of SMS and email notifications."
  default     = null
}

variable "fifo_topic" {
  type        = bool
  description = "Create a FIFO topic."
  default     = false
}

variable "kms_master_key_id" {
  type        = string
  description = "KMS key for server-side encryption. Publishers such as CloudWatch alarms need a customer-managed key whose policy lets them use it; null disables encryption."
  default     = null
}

variable "allowed_publisher_services" {
  type        = list(string)
  description = "AWS service principals of this account allowed to publish, e.g. cloudwatch.amazonaws.com, events.amazonaws.com."
  default     = ["cloudwatch.amazonaws.com"]
}

variable "subscriptions" {
  type = list(object({
    protocol             = string
    endpoint             = string
    raw_message_delivery = optional(bool, false)
  }))
  description = "Subscriptions (email, https, sqs, lambda). Email subscriptions stay pending until the recipient confirms."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the topic."
  default     = {}
}
