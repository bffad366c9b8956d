variable "name" {
  type        = string
  description = "Name of the file system (Name tag) and prefix of its security group."
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the mount targets live in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets to create one mount target in each (one per availability zone)."
}

variable "allowed_cidr_blocks" {
  type        = list(string)
  description = "CIDR blocks allowed to mount the file system (NFS, TCP 2049)."
  default     = []
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to mount the file system, e.g. the EKS node security group."
  default     = []
}

variable "encrypted" {
  type        = bool
  description = "Encrypt the file system at rest."
  default     = true
}

variable "kms_key_id" {
  type        = string
  description = "ARN of a KMS key for encryption at rest; null uses the AWS-managed key."
  default     = null
}

variable "performance_mode" {
  type        = string
  description = "generalPurpose or maxIO."
  default     = "generalPurpose"
}

variable "throughput_mode" {
  type        = string
  description = "bursting, elastic or provisioned."
  default     = "elastic"
}

variable "transition_to_ia" {
  type        = string
  description = "Move files not read for this long to Infrequent Access, e.g. AFTER_30_DAYS; null keeps everything in Standard."
  default     = "AFTER_30_DAYS"
}

variable "enable_backup" {
  type        = bool
  description = "Back the file system up daily with AWS Backup's default plan."
  default     = true
}

variable "access_points" {
  type = map(object({
    path        = string
    uid         = number
    gid         = number
    permissions = optional(string, "0750")
  }))
  description = "Access points keyed by name: each pins a root directory and the POSIX identity clients act as."
  default     = {}
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource of the module."
  default     = {}
}
