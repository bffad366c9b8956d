locals {
  github_token_host = "token.actions.githubusercontent.com"
}

################################################################################
# github-actions-terraform-plan: any branch or pull request of the repository
################################################################################

data "aws_iam_policy_document" "terraform_plan_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github_actions.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_token_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "${local.github_token_host}:sub"
      values   = ["repo:${local.infrastructure_repository}:*"]
    }
  }
}

resource "aws_iam_role" "terraform_plan" {
  name                 = "github-actions-terraform-plan"
  description          = "terraform plan from GitHub Actions (pull requests of ${local.infrastructure_repository})"
  assume_role_policy   = data.aws_iam_policy_document.terraform_plan_trust.json
  max_session_duration = 3600

  tags = local.common_tags
}

resource "aws_iam_role_policy_attachment" "terraform_plan" {
  for_each = {
    read_only    = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
    state        = aws_iam_policy.terraform_state.arn
    deny_secrets = aws_iam_policy.terraform_plan_deny_secrets.arn
  }

  role       = aws_iam_role.terraform_plan.name
  policy_arn = each.value
}

################################################################################
# github-actions-terraform-apply: only jobs bound to a protected GitHub
# environment (required reviewers), never an arbitrary branch
################################################################################

data "aws_iam_policy_document" "terraform_apply_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github_actions.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_token_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_token_host}:sub"
      values   = [for environment in var.apply_github_environments : "repo:${local.infrastructure_repository}:environment:${environment}"]
    }
  }
}

resource "aws_iam_role" "terraform_apply" {
  name                 = "github-actions-terraform-apply"
  description          = "terraform apply from GitHub Actions (protected environments of ${local.infrastructure_repository})"
  assume_role_policy   = data.aws_iam_policy_document.terraform_apply_trust.json
  max_session_duration = 7200

  tags = local.common_tags
}

resource "aws_iam_role_policy_attachment" "terraform_apply" {
  for_each = {
    administrator = "arn:${local.partition}:iam::aws:policy/AdministratorAccess"
    state         = aws_iam_policy.terraform_state.arn
    guardrails    = aws_iam_policy.terraform_apply_guardrails.arn
  }

  role       = aws_iam_role.terraform_apply.name
  policy_arn = each.value
}
