variable "cluster_id" {
  type        = string
  description = "Replication group ID, e.g. ecommerce-sessions-prod (at most 40 characters)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.cluster_id))
    error_message = "cluster_id must start with a letter and contain at most 40 lowercase letters, digits and hyphens, e.g. \"ecommerce-sessions-prod\"."
  }
}

variable "description" {
  type        = string
  description = "Description of the replication group; null uses \"Managed by Terraform\"."
  default     = null
}

variable "engine" {
  type        = string
  description = "Cache engine: redis or valkey."
  default     = "redis"
}

variable "engine_version" {
  type        = string
  description = "Engine version, e.g. 7.0."
  default     = "7.0"
}

variable "node_type" {
  type        = string
  description = "Node type, e.g. cache.t4g.micro (dev), cache.t4g.medium (staging), cache.r6g.large (prod)."
}

variable "num_cache_nodes" {
  type        = number
  description = "Number of nodes: one primary plus read replicas in other zones."
  default     = 1

  validation {
    condition     = var.num_cache_nodes >= 1 && var.num_cache_nodes <= 6
    error_message = "num_cache_nodes must be between 1 and 6."
  }
}

variable "parameter_group_name" {
  type        = string
  description = "Cache parameter group, e.g. default.redis7."
  default     = "default.redis7"
}

variable "port" {
  type        = number
  description = "Port the cache listens on."
  default     = 6379
}

variable "subnet_group_name" {
  type        = string
  description = "Name of the ElastiCache subnet group to place the nodes in."
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups attached to the nodes."
  default     = []
}

variable "automatic_failover_enabled" {
  type        = bool
  description = "Promote a replica automatically when the primary fails (needs num_cache_nodes >= 2)."
  default     = false
}

variable "multi_az_enabled" {
  type        = bool
  description = "Spread the nodes over zones and fail over across zones (needs automatic_failover_enabled)."
  default     = false
}

variable "snapshot_retention_limit" {
  type        = number
  description = "Days to keep daily snapshots; 0 disables them."
  default     = 1
}

variable "snapshot_window" {
  type        = string
  description = "Daily UTC snapshot window, hh24:mi-hh24:mi."
  default     = "03:00-04:00"
}

variable "maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi."
  default     = "sun:04:00-sun:05:00"
}

variable "at_rest_encryption_enabled" {
  type        = bool
  description = "Encrypt data at rest."
  default     = true
}

variable "transit_encryption_enabled" {
  type        = bool
  description = "Require TLS between clients and the cache."
  default     = true
}

variable "kms_key_id" {
  type        = string
  description = "ARN of a KMS key for encryption at rest; null uses the AWS-managed key."
  default     = null
}

variable "apply_immediately" {
  type        = bool
  description = "Apply changes now instead of in the next maintenance window."
  default     = false
}

variable "auto_minor_version_upgrade" {
  type        = bool
  description = "Upgrade minor engine versions automatically."
  default     = true
}

variable "slow_log_retention_in_days" {
  type        = number
  description = "Days to keep the slow log in CloudWatch Logs; 0 disables slow log delivery."
  default     = 14
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource of the module."
  default     = {}
}
