output "github_actions_oidc_provider_arn" {
  description = "ARN of the GitHub Actions OIDC provider."
  value       = aws_iam_openid_connect_provider.github_actions.arn
}

output "terraform_plan_role_arn" {
  description = "Role for terraform plan in pull requests (role-to-assume of aws-actions/configure-aws-credentials)."
  value       = aws_iam_role.terraform_plan.arn
}

output "terraform_apply_role_arn" {
  description = "Role for terraform apply in jobs bound to a protected GitHub environment."
  value       = aws_iam_role.terraform_apply.arn
}

output "terraform_state_policy_arn" {
  description = "Policy granting access to the Terraform state bucket and lock table."
  value       = aws_iam_policy.terraform_state.arn
}
