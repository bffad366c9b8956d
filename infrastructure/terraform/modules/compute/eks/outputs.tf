output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the EKS cluster."
  value       = aws_eks_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_version" {
  description = "Kubernetes version of the control plane."
  value       = aws_eks_cluster.this.version
}

output "cluster_certificate_authority_data" {
  description = "Base64-encoded certificate authority data of the cluster (for kubeconfig)."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_security_group_id" {
  description = "ID of the security group EKS created for the control plane and managed nodes."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "node_security_group_id" {
  description = "ID of the shared security group attached to every node; reference it to allow traffic from the cluster's workloads."
  value       = aws_security_group.node.id
}

output "cluster_oidc_issuer_url" {
  description = "OpenID Connect issuer URL of the cluster."
  value       = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider for IRSA (null when enable_irsa is false); use it in the trust policy of service roles."
  value       = try(aws_iam_openid_connect_provider.this[0].arn, null)
}

output "node_iam_role_arn" {
  description = "ARN of the IAM role of the nodes."
  value       = aws_iam_role.node.arn
}

output "node_groups" {
  description = "Managed node groups keyed like var.node_groups: name, ARN, status and capacity type."
  value = { for key, group in aws_eks_node_group.this : key => {
    name          = group.node_group_name
    arn           = group.arn
    status        = group.status
    capacity_type = group.capacity_type
  } }
}

output "ebs_csi_driver_role_arn" {
  description = "ARN of the IRSA role of the EBS CSI driver (null when the add-on is not enabled)."
  value       = try(aws_iam_role.ebs_csi[0].arn, null)
}

output "cluster_autoscaler_role_arn" {
  description = "ARN of the IRSA role for the cluster autoscaler (null when disabled)."
  value       = try(aws_iam_role.cluster_autoscaler[0].arn, null)
}

output "kms_key_arn" {
  description = "ARN of the KMS key encrypting Kubernetes secrets."
  value       = aws_kms_key.cluster.arn
}

output "cloudwatch_log_group_name" {
  description = "Name of the CloudWatch log group with the control plane logs."
  value       = aws_cloudwatch_log_group.cluster.name
}
