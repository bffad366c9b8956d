resource "aws_cloudwatch_log_group" "slow_log" {
  count = var.slow_log_retention_in_days > 0 ? 1 : 0

  name              = "/aws/elasticache/${var.cluster_id}/slow-log"
  retention_in_days = var.slow_log_retention_in_days

  tags = var.tags
}

# A replication group (not a single cache cluster) even with one node, so
# replicas and failover can be added later without replacing the cache.
resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.cluster_id
  description          = coalesce(var.description, "Managed by Terraform")

  engine               = var.engine
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.num_cache_nodes
  parameter_group_name = var.parameter_group_name
  port                 = var.port

  subnet_group_name  = var.subnet_group_name
  security_group_ids = var.security_group_ids

  automatic_failover_enabled = var.automatic_failover_enabled
  multi_az_enabled           = var.multi_az_enabled

  snapshot_retention_limit = var.snapshot_retention_limit
  snapshot_window          = var.snapshot_window
  maintenance_window       = var.maintenance_window

  at_rest_encryption_enabled = var.at_rest_encryption_enabled
  transit_encryption_enabled = var.transit_encryption_enabled
  kms_key_id                 = var.kms_key_id

  apply_immediately          = var.apply_immediately
  auto_minor_version_upgrade = var.auto_minor_version_upgrade

  dynamic "log_delivery_configuration" {
    for_each = aws_cloudwatch_log_group.slow_log

    content {
      destination      = log_delivery_configuration.value.name
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = "slow-log"
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = !var.automatic_failover_enabled || var.num_cache_nodes >= 2
      error_message = "automatic_failover_enabled needs num_cache_nodes >= 2; set num_cache_nodes to 2 or more, or turn failover off."
    }

    precondition {
      condition     = !var.multi_az_enabled || var.automatic_failover_enabled
      error_message = "multi_az_enabled needs automatic_failover_enabled = true."
    }
  }
}
