variable "aws_region" {
  type        = string
  description = "AWS region of the provider (Route 53 itself is global)."
  default     = "us-east-1"
}

variable "domain_name" {
  type        = string
  description = "Public domain of the shop."
  default     = "ecommerce.com"
}

variable "environment_subdomains" {
  type        = list(string)
  description = "Subdomains delegated to per-environment ingress (e.g. dev.ecommerce.com, staging.ecommerce.com); records inside them are managed by external-dns in each cluster."
  default     = ["dev", "staging"]
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for the hosted zones and certificate."
  default     = {}
}
