variable "name_prefix" {
  type        = string
  description = "Prefix of sampling rule and group names, e.g. ecommerce-prod."
}

variable "sampling_rules" {
  type = map(object({
    priority       = number
    fixed_rate     = number
    reservoir_size = number
    service_name   = optional(string, "*")
    service_type   = optional(string, "*")
    host           = optional(string, "*")
    http_method    = optional(string, "*")
    url_path       = optional(string, "*")
    resource_arn   = optional(string, "*")
  }))
  description = "Sampling rules keyed by short name (<name_prefix>-<key>, at most 32 characters): reservoir_size traces per second, then fixed_rate of the rest."
  default     = {}

  validation {
    condition     = alltrue([for rule in values(var.sampling_rules) : rule.fixed_rate >= 0 && rule.fixed_rate <= 1])
    error_message = "sampling_rules[*].fixed_rate must be between 0 and 1, e.g. 0.05 for 5 %."
  }
}

variable "groups" {
  type = map(object({
    filter_expression = string
    insights_enabled  = optional(bool, false)
  }))
  description = "Trace groups keyed by short name, each selecting traces with a filter expression, e.g. service(\"order-service\")."
  default     = {}
}

variable "kms_key_id" {
  type        = string
  description = "KMS key to encrypt traces with; null keeps X-Ray's default encryption."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the sampling rules and groups."
  default     = {}
}
