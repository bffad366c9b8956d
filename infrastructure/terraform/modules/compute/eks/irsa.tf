################################################################################
# IAM roles for service accounts (IRSA)
################################################################################

data "tls_certificate" "oidc" {
  count = var.enable_irsa ? 1 : 0

  url = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  count = var.enable_irsa ? 1 : 0

  url             = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc[0].certificates[0].sha1_fingerprint]

  tags = merge(var.tags, { Name = "${var.cluster_name}-irsa" })
}

locals {
  oidc_issuer_host = replace(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
  create_ebs_csi   = var.enable_irsa && contains(keys(var.cluster_addons), "aws-ebs-csi-driver")
}

data "aws_iam_policy_document" "irsa_assume_role" {
  for_each = var.enable_irsa ? {
    ebs_csi            = "kube-system:ebs-csi-controller-sa"
    cluster_autoscaler = "kube-system:cluster-autoscaler"
  } : {}

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.this[0].arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${each.value}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

# EBS CSI driver: creates and attaches the volumes of PersistentVolumeClaims.
resource "aws_iam_role" "ebs_csi" {
  count = local.create_ebs_csi ? 1 : 0

  name_prefix        = "${substr(var.cluster_name, 0, 26)}-ebs-csi-"
  assume_role_policy = data.aws_iam_policy_document.irsa_assume_role["ebs_csi"].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  count = local.create_ebs_csi ? 1 : 0

  role       = aws_iam_role.ebs_csi[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}

# Cluster autoscaler: may only resize the node groups tagged for this cluster.
resource "aws_iam_role" "cluster_autoscaler" {
  count = var.enable_irsa && var.enable_cluster_autoscaler_role ? 1 : 0

  name_prefix        = "${substr(var.cluster_name, 0, 18)}-cluster-autoscaler-"
  assume_role_policy = data.aws_iam_policy_document.irsa_assume_role["cluster_autoscaler"].json

  tags = var.tags
}

data "aws_iam_policy_document" "cluster_autoscaler" {
  statement {
    sid = "Describe"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
    ]
    resources = ["*"]
  }

  statement {
    sid = "ScaleOwnNodeGroups"
    actions = [
      "autoscaling:SetDesiredCapacity",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
    ]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster_name}"
      values   = ["owned"]
    }
  }
}

resource "aws_iam_role_policy" "cluster_autoscaler" {
  count = var.enable_irsa && var.enable_cluster_autoscaler_role ? 1 : 0

  name   = "cluster-autoscaler"
  role   = aws_iam_role.cluster_autoscaler[0].id
  policy = data.aws_iam_policy_document.cluster_autoscaler.json
}
