variable "identifier" {
  type        = string
  description = "Identifier of the DB instance, e.g. user-service-prod. Also the prefix of its parameter group, log groups and roles."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.identifier)) && !endswith(var.identifier, "-") && !strcontains(var.identifier, "--")
    error_message = "identifier must start with a lowercase letter and contain only lowercase letters, digits and single hyphens (at most 63 characters), e.g. \"user-service-prod\"."
  }
}

variable "engine" {
  type        = string
  description = "Database engine: postgres (the platform's default) or mysql."
  default     = "postgres"
}

variable "engine_version" {
  type        = string
  description = "Engine version. A major version alone (\"15\") lets RDS pick the current minor version and keeps minor upgrades automatic."
  default     = "15"
}

variable "instance_class" {
  type        = string
  description = "Instance class, e.g. db.t4g.micro (dev), db.t4g.medium (staging), db.r6g.xlarge (prod)."
}

variable "allocated_storage" {
  type        = number
  description = "Initial storage in GiB."
  default     = 20
}

variable "max_allocated_storage" {
  type        = number
  description = "Upper limit in GiB for storage autoscaling; 0 disables autoscaling."
  default     = 0
}

variable "storage_type" {
  type        = string
  description = "Storage type: gp3, gp2 or io1/io2."
  default     = "gp3"
}

variable "storage_encrypted" {
  type        = bool
  description = "Encrypt storage, snapshots and backups at rest."
  default     = true
}

variable "kms_key_id" {
  type        = string
  description = "ARN of the KMS key for storage encryption; null uses the AWS-managed RDS key."
  default     = null
}

variable "db_name" {
  type        = string
  description = "Name of the database created on the instance (letters and digits only)."
  default     = null
}

variable "username" {
  type        = string
  description = "Master user name. The password is generated and rotated by RDS in Secrets Manager (see output master_user_secret_arn). For PostgreSQL, \"admin\" is reserved."
  default     = "dbadmin"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,15}$", var.username)) && lower(var.username) != "rdsadmin"
    error_message = "username must be 1-16 letters, digits or underscores, start with a letter, and not be \"rdsadmin\", e.g. \"dbadmin\"."
  }
}

variable "port" {
  type        = number
  description = "Port the database listens on."
  default     = 5432
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC of the instance; needed when create_security_group is true."
  default     = null
}

variable "db_subnet_group_name" {
  type        = string
  description = "Name of the DB subnet group (isolated database subnets) the instance is placed in."
}

variable "vpc_security_group_ids" {
  type        = list(string)
  description = "Security groups attached to the instance."
  default     = []
}

variable "create_security_group" {
  type        = bool
  description = "Also create a dedicated security group that opens var.port to allowed_cidr_blocks and allowed_security_group_ids."
  default     = false
}

variable "allowed_cidr_blocks" {
  type        = list(string)
  description = "CIDR blocks allowed by the dedicated security group (create_security_group = true)."
  default     = []
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed by the dedicated security group (create_security_group = true)."
  default     = []
}

variable "multi_az" {
  type        = bool
  description = "Run a synchronous standby in a second availability zone with automatic failover."
  default     = false
}

variable "backup_retention_period" {
  type        = number
  description = "Days to keep automated backups (0-35); point-in-time recovery covers this window."
  default     = 7
}

variable "backup_window" {
  type        = string
  description = "Daily UTC window for automated backups, hh24:mi-hh24:mi; must not overlap maintenance_window."
  default     = "03:00-04:00"
}

variable "maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi."
  default     = "sun:04:00-sun:05:00"
}

variable "enabled_cloudwatch_logs_exports" {
  type        = list(string)
  description = "Logs exported to CloudWatch Logs, e.g. [\"postgresql\", \"upgrade\"]."
  default     = []
}

variable "cloudwatch_log_group_retention_in_days" {
  type        = number
  description = "Days to keep the exported logs."
  default     = 30
}

variable "performance_insights_enabled" {
  type        = bool
  description = "Enable Performance Insights (not available on the smallest instance classes)."
  default     = false
}

variable "performance_insights_retention_period" {
  type        = number
  description = "Days to keep Performance Insights data (7 is free)."
  default     = 7
}

variable "monitoring_interval" {
  type        = number
  description = "Seconds between Enhanced Monitoring samples: 0 (off), 1, 5, 10, 15, 30 or 60."
  default     = 0

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "monitoring_interval must be one of 0, 1, 5, 10, 15, 30 or 60."
  }
}

variable "iam_database_authentication_enabled" {
  type        = bool
  description = "Allow IAM database authentication (short-lived tokens instead of passwords)."
  default     = true
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instance until this is turned off."
  default     = true
}

variable "skip_final_snapshot" {
  type        = bool
  description = "Delete without taking a final snapshot (only for throwaway environments)."
  default     = false
}

variable "apply_immediately" {
  type        = bool
  description = "Apply changes now instead of in the next maintenance window."
  default     = false
}

variable "auto_minor_version_upgrade" {
  type        = bool
  description = "Upgrade minor engine versions automatically in the maintenance window."
  default     = true
}

variable "parameter_group_family" {
  type        = string
  description = "Parameter group family; null derives it from engine and engine_version (postgres15, mysql8.0)."
  default     = null
}

variable "parameters" {
  type = list(object({
    name         = string
    value        = string
    apply_method = optional(string, "immediate")
  }))
  description = "Parameters added to (or overriding) the module's defaults. Static parameters need apply_method = \"pending-reboot\"."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource of the module (instance, parameter group, log groups, roles, security group)."
  default     = {}
}
