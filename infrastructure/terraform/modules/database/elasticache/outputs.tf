output "replication_group_id" {
  description = "ID of the replication group."
  value       = aws_elasticache_replication_group.this.id
}

output "arn" {
  description = "ARN of the replication group."
  value       = aws_elasticache_replication_group.this.arn
}

output "primary_endpoint_address" {
  description = "Host name of the primary endpoint (reads and writes)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Host name of the reader endpoint (spreads reads over the replicas)."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Port of the cache."
  value       = var.port
}

output "cache_nodes" {
  description = "Endpoints of the cache as a list of {role, address, port}: the primary (read/write) and the reader endpoint."
  value = [
    {
      role    = "primary"
      address = aws_elasticache_replication_group.this.primary_endpoint_address
      port    = var.port
    },
    {
      role    = "reader"
      address = aws_elasticache_replication_group.this.reader_endpoint_address
      port    = var.port
    },
  ]
}

output "member_clusters" {
  description = "IDs of the cache clusters (nodes) in the replication group."
  value       = aws_elasticache_replication_group.this.member_clusters
}
