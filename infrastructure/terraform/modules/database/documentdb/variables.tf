variable "cluster_identifier" {
  type        = string
  description = "Identifier of the DocumentDB cluster; instances are named <cluster_identifier>-<n>."
}

variable "engine_version" {
  type        = string
  description = "DocumentDB engine version (MongoDB compatibility), e.g. 5.0.0."
  default     = "5.0.0"
}

variable "instance_class" {
  type        = string
  description = "Instance class of the cluster instances, e.g. db.t4g.medium or db.r6g.large."
  default     = "db.t4g.medium"
}

variable "instance_count" {
  type        = number
  description = "Number of instances: one primary plus replicas."
  default     = 1
}

variable "port" {
  type        = number
  description = "Port the cluster listens on."
  default     = 27017
}

variable "db_subnet_group_name" {
  type        = string
  description = "Name of the DB subnet group to place the cluster in (the VPC module's database_subnet_group works)."
}

variable "vpc_security_group_ids" {
  type        = list(string)
  description = "Security groups attached to the cluster."
  default     = []
}

variable "master_username" {
  type        = string
  description = "Master user name (\"admin\" is reserved by DocumentDB)."
  default     = "docdbadmin"
}

variable "master_password" {
  type        = string
  description = "Master password (8-100 printable characters except /, \" and @). Pass it from a secret store, never from a tfvars file."
  sensitive   = true

  validation {
    condition     = length(var.master_password) >= 8 && length(var.master_password) <= 100 && !can(regex("[/\"@]", var.master_password))
    error_message = "master_password must be 8-100 characters and must not contain /, \" or @."
  }
}

variable "backup_retention_period" {
  type        = number
  description = "Days to keep automated backups (1-35)."
  default     = 7
}

variable "preferred_backup_window" {
  type        = string
  description = "Daily UTC backup window, hh24:mi-hh24:mi."
  default     = "03:00-04:00"
}

variable "preferred_maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi."
  default     = "sun:04:00-sun:05:00"
}

variable "storage_encrypted" {
  type        = bool
  description = "Encrypt the cluster storage."
  default     = true
}

variable "kms_key_id" {
  type        = string
  description = "ARN of the KMS key for storage encryption; null uses the AWS-managed key."
  default     = null
}

variable "enabled_cloudwatch_logs_exports" {
  type        = list(string)
  description = "Logs exported to CloudWatch Logs: audit and/or profiler."
  default     = ["audit", "profiler"]
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the cluster until this is turned off."
  default     = true
}

variable "skip_final_snapshot" {
  type        = bool
  description = "Delete without a final snapshot (only for throwaway environments)."
  default     = false
}

variable "apply_immediately" {
  type        = bool
  description = "Apply changes now instead of in the next maintenance window."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource of the module."
  default     = {}
}
