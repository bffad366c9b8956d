variable "bus_name" {
  type        = string
  description = "Name of the custom event bus, e.g. ecommerce-events-prod. \"default\" uses the account's default bus instead of creating one."
}

variable "rules" {
  type = map(object({
    description   = optional(string)
    event_pattern = string
    enabled       = optional(bool, true)
    targets = optional(map(object({
      arn             = string
      role_arn        = optional(string)
      input_path      = optional(string)
      dead_letter_arn = optional(string)
    })), {})
  }))
  description = "Rules keyed by name: an event pattern (JSON) and the targets (SQS, SNS, Lambda, ...) matching events go to."
  default     = {}
}

variable "archive_retention_days" {
  type        = number
  description = "Archive every event on the bus for this many days so it can be replayed; 0 disables the archive."
  default     = 0
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the bus and its rules."
  default     = {}
}
