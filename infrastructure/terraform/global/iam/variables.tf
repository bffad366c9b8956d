variable "aws_region" {
  type        = string
  description = "AWS region of the provider (IAM itself is global)."
  default     = "us-east-1"
}

variable "github_organization" {
  type        = string
  description = "GitHub organization whose workflows may assume the CI roles."
  default     = "ecommerce-platform"
}

variable "infrastructure_repository" {
  type        = string
  description = "Repository (without organization) holding this Terraform code."
  default     = "infrastructure"
}

variable "terraform_state_bucket" {
  type        = string
  description = "S3 bucket holding the Terraform state (created by scripts/init-backend.sh)."
  default     = "ecommerce-terraform-state"
}

variable "terraform_lock_table" {
  type        = string
  description = "DynamoDB table holding the Terraform state locks."
  default     = "terraform-lock"
}

variable "apply_github_environments" {
  type        = list(string)
  description = "GitHub deployment environments whose jobs may assume the apply role (protect them with required reviewers)."
  default     = ["dev", "staging", "prod"]
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for the IAM resources."
  default     = {}
}
