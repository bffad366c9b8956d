locals {
  # EKS spells taint effects differently from Kubernetes; accept both.
  taint_effects = {
    NoSchedule       = "NO_SCHEDULE"
    NoExecute        = "NO_EXECUTE"
    PreferNoSchedule = "PREFER_NO_SCHEDULE"
  }

  container_insights_enabled = contains(keys(var.cluster_addons), "amazon-cloudwatch-observability")
}

################################################################################
# Node IAM role
################################################################################

data "aws_iam_policy_document" "node_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "node" {
  name_prefix        = "${substr(var.cluster_name, 0, 30)}-node-"
  assume_role_policy = data.aws_iam_policy_document.node_assume_role.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset(concat(
    [
      "arn:${local.partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:${local.partition}:iam::aws:policy/AmazonEKS_CNI_Policy",
      "arn:${local.partition}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore",
    ],
    # The CloudWatch observability add-on (Container Insights) ships metrics
    # and logs with the node's credentials.
    local.container_insights_enabled ? ["arn:${local.partition}:iam::aws:policy/CloudWatchAgentServerPolicy"] : [],
  ))

  role       = aws_iam_role.node.name
  policy_arn = each.value
}

################################################################################
# Shared node security group
################################################################################

# Attached to every node next to the EKS-managed cluster security group, so
# other security groups can allow "all nodes of this cluster" by reference.
resource "aws_security_group" "node" {
  name_prefix = "${var.cluster_name}-node-"
  description = "Shared security group of the ${var.cluster_name} nodes"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.cluster_name}-node" })

  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# Launch templates: IMDSv2, encrypted gp3 disks, and tags on the instances
# themselves (node group tags do not reach EC2, and cost reports need them).
################################################################################

resource "aws_launch_template" "node" {
  for_each = var.node_groups

  name_prefix            = "${var.cluster_name}-${each.value.name}-"
  description            = "Nodes of group ${each.value.name} in ${var.cluster_name}"
  update_default_version = true

  vpc_security_group_ids = [
    aws_eks_cluster.this.vpc_config[0].cluster_security_group_id,
    aws_security_group.node.id,
  ]

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = each.value.disk_size
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  dynamic "tag_specifications" {
    for_each = toset(["instance", "volume", "network-interface"])

    content {
      resource_type = tag_specifications.value
      tags = merge(var.tags, each.value.tags, {
        Name = "${var.cluster_name}-${each.value.name}"
      })
    }
  }

  tags = merge(var.tags, each.value.tags)

  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# Managed node groups
################################################################################

resource "aws_eks_node_group" "this" {
  for_each = var.node_groups

  cluster_name    = aws_eks_cluster.this.name
  node_group_name = each.value.name
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = each.value.subnet_ids != null ? each.value.subnet_ids : var.subnet_ids

  ami_type       = each.value.ami_type
  capacity_type  = each.value.capacity_type
  instance_types = each.value.instance_types

  scaling_config {
    min_size     = each.value.min_size
    max_size     = each.value.max_size
    desired_size = each.value.desired_size
  }

  update_config {
    max_unavailable_percentage = 33
  }

  launch_template {
    id      = aws_launch_template.node[each.key].id
    version = aws_launch_template.node[each.key].latest_version
  }

  labels = each.value.labels

  dynamic "taint" {
    for_each = each.value.taints

    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = lookup(local.taint_effects, taint.value.effect, taint.value.effect)
    }
  }

  tags = merge(var.tags, each.value.tags)

  lifecycle {
    # The cluster autoscaler changes the desired size; Terraform only sets it at creation.
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}
