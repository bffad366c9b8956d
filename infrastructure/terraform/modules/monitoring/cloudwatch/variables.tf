variable "cluster_name" {
  type        = string
  description = "Name of the EKS cluster the alarms watch; prefixes alarm, dashboard and log group names."
}

variable "alarms" {
  type = map(object({
    comparison_operator = string
    evaluation_periods  = number
    metric_name         = string
    namespace           = string
    period              = number
    statistic           = string
    threshold           = number
    alarm_description   = string
    dimensions          = optional(map(string), {})
    datapoints_to_alarm = optional(number)
    treat_missing_data  = optional(string, "missing")
  }))
  description = "Metric alarms keyed by a short name (the alarm is named <cluster_name>-<key>). dimensions select the resource, e.g. { DBInstanceIdentifier = \"user-service-prod\" }."
  default     = {}

  validation {
    condition     = alltrue([for alarm in values(var.alarms) : contains(["missing", "ignore", "breaching", "notBreaching"], alarm.treat_missing_data)])
    error_message = "alarms[*].treat_missing_data must be missing, ignore, breaching or notBreaching."
  }
}

variable "sns_topic_arn" {
  type        = string
  description = "SNS topic notified when an alarm fires (and when it recovers if ok_actions_enabled); null sends no notifications."
  default     = null
}

variable "ok_actions_enabled" {
  type        = bool
  description = "Also notify the topic when an alarm returns to OK."
  default     = true
}

variable "log_groups" {
  type = map(object({
    retention_in_days = optional(number, 30)
    kms_key_id        = optional(string)
  }))
  description = "Log groups to create with a retention, keyed by full name (e.g. Container Insights' /aws/containerinsights/<cluster>/application); created here so retention and tags are ours."
  default     = {}
}

variable "create_dashboard" {
  type        = bool
  description = "Create a CloudWatch dashboard with one graph per alarm."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every taggable resource of the module (alarms, log groups)."
  default     = {}
}
