output "cluster_id" {
  description = "Identifier of the DocumentDB cluster."
  value       = aws_docdb_cluster.this.id
}

output "cluster_arn" {
  description = "ARN of the DocumentDB cluster."
  value       = aws_docdb_cluster.this.arn
}

output "endpoint" {
  description = "Cluster (writer) endpoint."
  value       = aws_docdb_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint spreading reads over the replicas."
  value       = aws_docdb_cluster.this.reader_endpoint
}

output "port" {
  description = "Port of the cluster."
  value       = aws_docdb_cluster.this.port
}

output "instance_ids" {
  description = "Identifiers of the cluster instances."
  value       = aws_docdb_cluster_instance.this[*].identifier
}
