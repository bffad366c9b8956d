terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.23"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Environment = "production"
      ManagedBy   = "Terraform"
      Project     = "ecommerce-platform"
      CostCenter  = "engineering"
    }
  }
}

# For in-cluster bootstrap resources; authenticates with a short-lived token
# from the AWS CLI, so no kubeconfig has to exist where Terraform runs.
provider "kubernetes" {
  host                   = module.eks.cluster_endpoint
  cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.aws_region]
  }
}

# VPC and Networking
module "vpc" {
  source = "../../modules/networking/vpc"

  name               = "${local.cluster_name}-vpc"
  cidr_block         = "10.0.0.0/16"
  availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

  public_subnets   = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  private_subnets  = ["10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24"]
  database_subnets = ["10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24"]

  enable_nat_gateway   = true
  single_nat_gateway   = false
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = merge(local.common_tags, {
    Shared = "true"
  })
}

# EKS Cluster
module "eks" {
  source = "../../modules/compute/eks"

  cluster_name    = local.cluster_name
  cluster_version = "1.31"

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  cluster_endpoint_public_access  = true
  cluster_endpoint_private_access = true

  cluster_addons = {
    coredns = {
      most_recent = true
    }
    kube-proxy = {
      most_recent = true
    }
    vpc-cni = {
      most_recent = true
    }
    aws-ebs-csi-driver = {
      most_recent = true
    }
    amazon-cloudwatch-observability = {
      most_recent = true
    }
  }

  node_groups = {
    general = {
      name           = "general"
      instance_types = ["t3.large"]
      capacity_type  = "ON_DEMAND"

      min_size     = 3
      max_size     = 10
      desired_size = 5

      labels = {
        role     = "general"
        workload = "applications"
      }

      tags = {
        "k8s.io/cluster-autoscaler/enabled"               = "true"
        "k8s.io/cluster-autoscaler/${local.cluster_name}" = "owned"
      }
    }

    compute_optimized = {
      name           = "compute"
      instance_types = ["c5.xlarge"]
      capacity_type  = "SPOT"

      min_size     = 0
      max_size     = 20
      desired_size = 2

      labels = {
        role     = "compute"
        workload = "batch-jobs"
      }

      taints = [{
        key    = "workload"
        value  = "compute"
        effect = "NoSchedule"
      }]

      tags = {
        "k8s.io/cluster-autoscaler/enabled"               = "true"
        "k8s.io/cluster-autoscaler/${local.cluster_name}" = "owned"
      }
    }
  }

  tags = merge(local.common_tags, {
    Shared = "true"
  })
}

# RDS PostgreSQL for User Service
module "user_service_db" {
  source = "../../modules/database/rds"

  identifier = "user-service-prod"

  engine         = "postgres"
  engine_version = "15"
  instance_class = "db.r6g.xlarge"

  allocated_storage     = 100
  max_allocated_storage = 500
  storage_encrypted     = true

  db_name  = "userservice"
  username = "dbadmin"
  port     = 5432

  vpc_id                 = module.vpc.vpc_id
  db_subnet_group_name   = module.vpc.database_subnet_group
  vpc_security_group_ids = [module.vpc.database_security_group_id]

  multi_az                = true
  backup_retention_period = 30
  backup_window           = "03:00-04:00"
  maintenance_window      = "sun:04:00-sun:05:00"

  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  performance_insights_enabled = true
  monitoring_interval          = 60

  deletion_protection = true
  skip_final_snapshot = false

  tags = merge(local.common_tags, {
    Service = "user-service"
  })
}

# RDS PostgreSQL for Product Catalog
module "product_catalog_db" {
  source = "../../modules/database/rds"

  identifier = "product-catalog-prod"

  engine         = "postgres"
  engine_version = "15"
  instance_class = "db.r6g.large"

  allocated_storage     = 50
  max_allocated_storage = 200
  storage_encrypted     = true

  db_name  = "productcatalog"
  username = "dbadmin"
  port     = 5432

  vpc_id                 = module.vpc.vpc_id
  db_subnet_group_name   = module.vpc.database_subnet_group
  vpc_security_group_ids = [module.vpc.database_security_group_id]

  multi_az                = true
  backup_retention_period = 30
  backup_window           = "03:00-04:00"
  maintenance_window      = "sun:04:00-sun:05:00"

  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  performance_insights_enabled = true
  monitoring_interval          = 60

  deletion_protection = true
  skip_final_snapshot = false

  tags = merge(local.common_tags, {
    Service = "product-catalog"
  })
}

# RDS PostgreSQL for Order Service
module "order_service_db" {
  source = "../../modules/database/rds"

  identifier = "order-service-prod"

  engine         = "postgres"
  engine_version = "15"
  instance_class = "db.r6g.large"

  allocated_storage     = 100
  max_allocated_storage = 500
  storage_encrypted     = true

  db_name  = "orderservice"
  username = "dbadmin"
  port     = 5432

  vpc_id                 = module.vpc.vpc_id
  db_subnet_group_name   = module.vpc.database_subnet_group
  vpc_security_group_ids = [module.vpc.database_security_group_id]

  multi_az                = true
  backup_retention_period = 30
  backup_window           = "03:00-04:00"
  maintenance_window      = "sun:04:00-sun:05:00"

  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  performance_insights_enabled = true
  monitoring_interval          = 60

  deletion_protection = true
  skip_final_snapshot = false

  tags = merge(local.common_tags, {
    Service = "order-service"
  })
}

# RDS PostgreSQL for Payment Service
module "payment_service_db" {
  source = "../../modules/database/rds"

  identifier = "payment-service-prod"

  engine         = "postgres"
  engine_version = "15"
  instance_class = "db.t4g.large"

  allocated_storage     = 50
  max_allocated_storage = 200
  storage_encrypted     = true

  db_name  = "paymentservice"
  username = "dbadmin"
  port     = 5432

  vpc_id                 = module.vpc.vpc_id
  db_subnet_group_name   = module.vpc.database_subnet_group
  vpc_security_group_ids = [module.vpc.database_security_group_id]

  multi_az                = true
  backup_retention_period = 30
  backup_window           = "03:00-04:00"
  maintenance_window      = "sun:04:00-sun:05:00"

  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  performance_insights_enabled = true
  monitoring_interval          = 60

  deletion_protection = true
  skip_final_snapshot = false

  tags = merge(local.common_tags, {
    Service = "payment-service"
  })
}

# ElastiCache Redis for Session Management (user-service and cart-service)
module "redis_cache" {
  source = "../../modules/database/elasticache"

  cluster_id           = "ecommerce-sessions-prod"
  engine               = "redis"
  engine_version       = "7.0"
  node_type            = "cache.r6g.large"
  num_cache_nodes      = 3
  parameter_group_name = "default.redis7"
  port                 = 6379

  subnet_group_name  = module.vpc.elasticache_subnet_group
  security_group_ids = [module.vpc.cache_security_group_id]

  automatic_failover_enabled = true
  multi_az_enabled           = true

  snapshot_retention_limit = 7
  snapshot_window          = "03:00-04:00"
  maintenance_window       = "sun:04:00-sun:05:00"

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true

  tags = merge(local.common_tags, {
    Shared = "true"
  })
}

# S3 Bucket for Product Images
module "product_images_bucket" {
  source = "../../modules/storage/s3"

  bucket = "ecommerce-product-images-prod"

  versioning_enabled = true

  lifecycle_rules = [{
    id      = "transition-to-ia"
    enabled = true

    transition = [{
      days          = 90
      storage_class = "STANDARD_IA"
    }]
  }]

  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "AES256"
      }
    }
  }

  cors_rule = [{
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["https://www.ecommerce.com"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }]

  cloudfront_read_access = true

  tags = merge(local.common_tags, {
    Service = "product-catalog"
  })
}

# SQS Queue for Order Processing
module "order_queue" {
  source = "../../modules/messaging/sqs"

  name                       = "order-processing-prod"
  visibility_timeout_seconds = 300
  message_retention_seconds  = 1209600 # 14 days
  max_message_size           = 262144  # 256 KB
  delay_seconds              = 0
  receive_wait_time_seconds  = 20

  redrive_policy = {
    deadLetterTargetArn = module.order_dlq.queue_arn
    maxReceiveCount     = 3
  }

  tags = merge(local.common_tags, {
    Service = "order-service"
  })
}

# Dead Letter Queue for Order Processing
module "order_dlq" {
  source = "../../modules/messaging/sqs"

  name                      = "order-processing-dlq-prod"
  message_retention_seconds = 1209600

  tags = merge(local.common_tags, {
    Service = "order-service"
    Queue   = "dead-letter"
  })
}

# SNS topic the alarms notify
module "sns_alerts" {
  source = "../../modules/messaging/sns"

  name         = "ecommerce-alerts-prod"
  display_name = "ecommerce prod alerts"

  subscriptions = [for address in var.alert_email_addresses : {
    protocol = "email"
    endpoint = address
  }]

  tags = merge(local.common_tags, {
    Shared = "true"
  })
}

# CloudWatch Alarms
module "alarms" {
  source = "../../modules/monitoring/cloudwatch"

  cluster_name = local.cluster_name

  alarms = {
    high_cpu = {
      comparison_operator = "GreaterThanThreshold"
      evaluation_periods  = 2
      metric_name         = "node_cpu_utilization"
      namespace           = "ContainerInsights"
      period              = 300
      statistic           = "Average"
      threshold           = 80
      alarm_description   = "EKS cluster CPU utilization is too high"
      dimensions = {
        ClusterName = local.cluster_name
      }
    }

    database_connections = {
      comparison_operator = "GreaterThanThreshold"
      evaluation_periods  = 1
      metric_name         = "DatabaseConnections"
      namespace           = "AWS/RDS"
      period              = 300
      statistic           = "Average"
      threshold           = 80
      alarm_description   = "RDS connection count is high"
      dimensions = {
        DBInstanceIdentifier = module.user_service_db.db_instance_identifier
      }
    }

    order_dlq_messages = {
      comparison_operator = "GreaterThanThreshold"
      evaluation_periods  = 1
      metric_name         = "ApproximateNumberOfMessagesVisible"
      namespace           = "AWS/SQS"
      period              = 300
      statistic           = "Maximum"
      threshold           = 0
      alarm_description   = "Orders are failing and landing in the dead-letter queue"
      dimensions = {
        QueueName = module.order_dlq.queue_name
      }
    }
  }

  sns_topic_arn = module.sns_alerts.topic_arn

  log_groups = {
    "/aws/containerinsights/${local.cluster_name}/application" = { retention_in_days = 30 }
    "/aws/containerinsights/${local.cluster_name}/dataplane"   = { retention_in_days = 30 }
    "/aws/containerinsights/${local.cluster_name}/host"        = { retention_in_days = 30 }
    "/aws/containerinsights/${local.cluster_name}/performance" = { retention_in_days = 30 }
  }

  tags = merge(local.common_tags, {
    Shared = "true"
  })
}
