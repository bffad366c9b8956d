output "cluster_endpoint" {
  description = "EKS cluster endpoint"
  value       = module.eks.cluster_endpoint
}

output "cluster_name" {
  description = "EKS cluster name"
  value       = module.eks.cluster_name
}

output "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider, for the trust policies of service IRSA roles"
  value       = module.eks.oidc_provider_arn
}

output "vpc_id" {
  description = "ID of the environment's VPC"
  value       = module.vpc.vpc_id
}

output "private_subnets" {
  description = "IDs of the private subnets the nodes run in"
  value       = module.vpc.private_subnets
}

output "nat_public_ips" {
  description = "Public IPs outbound traffic leaves from (allow-list them at payment providers)"
  value       = module.vpc.nat_public_ips
}

output "database_endpoint" {
  description = "RDS database endpoint"
  value       = module.user_service_db.db_instance_endpoint
  sensitive   = true
}

output "database_endpoints" {
  description = "RDS endpoints (host:port) per service"
  value = {
    user-service    = module.user_service_db.db_instance_endpoint
    product-catalog = module.product_catalog_db.db_instance_endpoint
    order-service   = module.order_service_db.db_instance_endpoint
    payment-service = module.payment_service_db.db_instance_endpoint
  }
  sensitive = true
}

output "database_master_user_secret_arns" {
  description = "Secrets Manager secrets (managed by RDS) with the master credentials, per service"
  value = {
    user-service    = module.user_service_db.master_user_secret_arn
    product-catalog = module.product_catalog_db.master_user_secret_arn
    order-service   = module.order_service_db.master_user_secret_arn
    payment-service = module.payment_service_db.master_user_secret_arn
  }
}

output "redis_endpoint" {
  description = "ElastiCache Redis endpoint"
  value       = module.redis_cache.cache_nodes
  sensitive   = true
}

output "s3_bucket_name" {
  description = "S3 bucket for product images"
  value       = module.product_images_bucket.bucket_id
}

output "s3_bucket_arn" {
  description = "ARN of the product images bucket"
  value       = module.product_images_bucket.bucket_arn
}

output "order_queue_url" {
  description = "URL of the order processing queue"
  value       = module.order_queue.queue_url
}

output "order_dlq_url" {
  description = "URL of the order processing dead-letter queue"
  value       = module.order_dlq.queue_url
}

output "alerts_topic_arn" {
  description = "SNS topic the CloudWatch alarms notify"
  value       = module.sns_alerts.topic_arn
}
