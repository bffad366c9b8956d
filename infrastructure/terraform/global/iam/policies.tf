################################################################################
# Terraform state access (both CI roles)
################################################################################

data "aws_iam_policy_document" "terraform_state" {
  statement {
    sid       = "ListStateBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketVersioning"]
    resources = ["arn:${local.partition}:s3:::${var.terraform_state_bucket}"]
  }

  statement {
    sid = "ReadWriteState"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
    ]
    resources = ["arn:${local.partition}:s3:::${var.terraform_state_bucket}/*"]
  }

  statement {
    sid = "StateLocks"
    actions = [
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:DeleteItem",
    ]
    resources = ["arn:${local.partition}:dynamodb:${var.aws_region}:${local.account_id}:table/${var.terraform_lock_table}"]
  }
}

resource "aws_iam_policy" "terraform_state" {
  name        = "terraform-state-access"
  description = "Read and write the Terraform state and its locks"
  policy      = data.aws_iam_policy_document.terraform_state.json

  tags = local.common_tags
}

################################################################################
# Plan: read everything Terraform refreshes, but never read secret values
################################################################################

data "aws_iam_policy_document" "terraform_plan_deny_secrets" {
  statement {
    sid    = "DenySecretValues"
    effect = "Deny"
    actions = [
      "secretsmanager:GetSecretValue",
      "kms:Decrypt",
    ]
    resources = ["*"]
  }

  # Only this account's parameters: public ones (e.g. the AMI IDs under
  # /aws/service/) must stay readable for data sources.
  statement {
    sid       = "DenyOwnParameterValues"
    effect    = "Deny"
    actions   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    resources = ["arn:${local.partition}:ssm:*:${local.account_id}:parameter/*"]
  }
}

resource "aws_iam_policy" "terraform_plan_deny_secrets" {
  name        = "terraform-plan-deny-secrets"
  description = "Keeps pull-request plans from reading secret values"
  policy      = data.aws_iam_policy_document.terraform_plan_deny_secrets.json

  tags = local.common_tags
}

################################################################################
# Apply: administrator, but unable to touch its own trust or the CI roles
################################################################################

data "aws_iam_policy_document" "terraform_apply_guardrails" {
  statement {
    sid    = "ProtectCiIdentity"
    effect = "Deny"
    actions = [
      "iam:DeleteOpenIDConnectProvider",
      "iam:UpdateOpenIDConnectProviderThumbprint",
      "iam:UpdateAssumeRolePolicy",
      "iam:DeleteRole",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary",
    ]
    resources = [
      aws_iam_openid_connect_provider.github_actions.arn,
      "arn:${local.partition}:iam::${local.account_id}:role/github-actions-*",
    ]
  }

  statement {
    sid    = "ProtectState"
    effect = "Deny"
    actions = [
      "s3:DeleteBucket",
      "s3:PutBucketPolicy",
      "s3:PutBucketVersioning",
      "dynamodb:DeleteTable",
    ]
    resources = [
      "arn:${local.partition}:s3:::${var.terraform_state_bucket}",
      "arn:${local.partition}:dynamodb:${var.aws_region}:${local.account_id}:table/${var.terraform_lock_table}",
    ]
  }
}

resource "aws_iam_policy" "terraform_apply_guardrails" {
  name        = "terraform-apply-guardrails"
  description = "Stops the apply role from changing its own trust or deleting the Terraform state"
  policy      = data.aws_iam_policy_document.terraform_apply_guardrails.json

  tags = local.common_tags
}
