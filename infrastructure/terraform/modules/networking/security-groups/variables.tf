variable "name" {
  type        = string
  description = "Name of the security group."
}

variable "use_name_prefix" {
  type        = bool
  description = "Use var.name as a prefix (a unique suffix is added) so the group can be replaced without a name clash."
  default     = true
}

variable "description" {
  type        = string
  description = "Description of the security group (shown in the EC2 console; changing it replaces the group)."
  default     = "Managed by Terraform"
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the security group belongs to."
}

variable "ingress_rules" {
  type = list(object({
    description                  = string
    from_port                    = number
    to_port                      = number
    ip_protocol                  = optional(string, "tcp")
    cidr_ipv4                    = optional(string)
    referenced_security_group_id = optional(string)
  }))
  description = "Ingress rules. Each rule sets exactly one source: cidr_ipv4 or referenced_security_group_id."
  default     = []

  validation {
    condition     = alltrue([for rule in var.ingress_rules : (rule.cidr_ipv4 == null) != (rule.referenced_security_group_id == null)])
    error_message = "Each ingress rule must set exactly one of cidr_ipv4 or referenced_security_group_id."
  }
}

variable "egress_rules" {
  type = list(object({
    description                  = string
    from_port                    = optional(number)
    to_port                      = optional(number)
    ip_protocol                  = optional(string, "-1")
    cidr_ipv4                    = optional(string)
    referenced_security_group_id = optional(string)
  }))
  description = "Egress rules. Empty means no outbound traffic is allowed (the right default for data stores)."
  default     = []

  validation {
    condition     = alltrue([for rule in var.egress_rules : (rule.cidr_ipv4 == null) != (rule.referenced_security_group_id == null)])
    error_message = "Each egress rule must set exactly one of cidr_ipv4 or referenced_security_group_id."
  }
}

variable "revoke_rules_on_delete" {
  type        = bool
  description = "Revoke all rules before deleting the group, so groups that reference each other can be destroyed."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the security group and every rule."
  default     = {}
}
