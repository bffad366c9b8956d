variable "cluster_name" {
  type        = string
  description = "Name of the EKS cluster, e.g. ecommerce-prod-cluster."
}

variable "cluster_version" {
  type        = string
  description = "Kubernetes minor version of the control plane, e.g. 1.31. Upgrade one minor version at a time (see docs/runbooks/cluster-upgrade.md)."
  default     = "1.31"

  validation {
    condition     = can(regex("^1\\.[0-9]+$", var.cluster_version))
    error_message = "cluster_version must be a Kubernetes minor version such as \"1.31\"."
  }
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the cluster runs in; the shared node security group is created there."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnet IDs for the control plane network interfaces and the node groups (at least two zones)."
}

variable "cluster_endpoint_public_access" {
  type        = bool
  description = "Expose the Kubernetes API endpoint on the internet (restricted by cluster_endpoint_public_access_cidrs)."
  default     = false
}

variable "cluster_endpoint_private_access" {
  type        = bool
  description = "Expose the Kubernetes API endpoint inside the VPC (nodes then reach it without leaving the VPC)."
  default     = true
}

variable "cluster_endpoint_public_access_cidrs" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the public API endpoint."
  default     = ["0.0.0.0/0"]
}

variable "cluster_enabled_log_types" {
  type        = list(string)
  description = "Control plane log types sent to CloudWatch Logs."
  default     = ["api", "audit", "authenticator"]
}

variable "cloudwatch_log_group_retention_in_days" {
  type        = number
  description = "Days to keep control plane logs."
  default     = 90
}

variable "authentication_mode" {
  type        = string
  description = "How IAM principals are mapped to Kubernetes identities: API, or API_AND_CONFIG_MAP during a migration from aws-auth."
  default     = "API_AND_CONFIG_MAP"
}

variable "kms_key_deletion_window_in_days" {
  type        = number
  description = "Waiting period before the KMS key that encrypts Kubernetes secrets is deleted."
  default     = 30
}

variable "cluster_addons" {
  type = map(object({
    most_recent                 = optional(bool, true)
    addon_version               = optional(string)
    configuration_values        = optional(string)
    service_account_role_arn    = optional(string)
    resolve_conflicts_on_create = optional(string, "OVERWRITE")
    resolve_conflicts_on_update = optional(string, "OVERWRITE")
  }))
  description = "EKS managed add-ons keyed by add-on name (coredns, kube-proxy, vpc-cni, aws-ebs-csi-driver, ...). Without addon_version the latest (most_recent) or default version for cluster_version is installed. aws-ebs-csi-driver gets the module's IRSA role unless service_account_role_arn is set."
  default     = {}
}

variable "node_groups" {
  type = map(object({
    name           = string
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    min_size       = number
    max_size       = number
    desired_size   = number
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
    tags       = optional(map(string), {})
    ami_type   = optional(string, "AL2023_x86_64_STANDARD")
    disk_size  = optional(number, 50)
    subnet_ids = optional(list(string))
  }))
  description = "EKS managed node groups. capacity_type is ON_DEMAND or SPOT; taint effect accepts the Kubernetes spelling (NoSchedule) or the EKS one (NO_SCHEDULE). tags go on the node group and its instances; desired_size is only the initial size (the cluster autoscaler owns it afterwards)."
  default     = {}

  validation {
    condition     = alltrue([for group in values(var.node_groups) : contains(["ON_DEMAND", "SPOT"], group.capacity_type)])
    error_message = "node_groups[*].capacity_type must be ON_DEMAND or SPOT."
  }

  validation {
    condition     = alltrue([for group in values(var.node_groups) : group.min_size <= group.desired_size && group.desired_size <= group.max_size])
    error_message = "node_groups[*] must satisfy min_size <= desired_size <= max_size."
  }

  validation {
    condition = alltrue(flatten([for group in values(var.node_groups) : [
      for taint in group.taints : contains(["NoSchedule", "NoExecute", "PreferNoSchedule", "NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"], taint.effect)
    ]]))
    error_message = "node_groups[*].taints[*].effect must be NoSchedule, NoExecute or PreferNoSchedule."
  }
}

variable "enable_irsa" {
  type        = bool
  description = "Create the IAM OIDC provider of the cluster so service accounts can assume IAM roles (IRSA)."
  default     = true
}

variable "enable_cluster_autoscaler_role" {
  type        = bool
  description = "Create an IRSA role for the cluster autoscaler (service account kube-system/cluster-autoscaler), limited to this cluster's node groups."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource of the module, including node instances and volumes."
  default     = {}
}
