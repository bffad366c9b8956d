provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Environment = "global"
      ManagedBy   = "Terraform"
      Project     = "ecommerce-platform"
      CostCenter  = "engineering"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  infrastructure_repository = "${var.github_organization}/${var.infrastructure_repository}"

  common_tags = merge(var.tags, {
    Environment = "global"
    Project     = "ecommerce-platform"
    Shared      = "true"
  })
}

# GitHub Actions exchanges its OIDC token for short-lived AWS credentials, so
# no long-lived access keys are stored in GitHub.
resource "aws_iam_openid_connect_provider" "github_actions" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # AWS validates GitHub's certificate against its own trusted CAs; the API
  # still requires a thumbprint, so GitHub's published ones are listed.
  thumbprint_list = [
    "6938fd4d98bab03faadb97b34396831e3780aea1",
    "1c58a3a8518e8759bf075b76b750d4f2df264fcd",
  ]

  tags = merge(local.common_tags, { Name = "github-actions" })
}
