output "db_instance_identifier" {
  description = "Identifier of the DB instance."
  value       = aws_db_instance.this.identifier
}

output "db_instance_arn" {
  description = "ARN of the DB instance."
  value       = aws_db_instance.this.arn
}

output "db_instance_endpoint" {
  description = "Connection endpoint in host:port form."
  value       = aws_db_instance.this.endpoint
}

output "db_instance_address" {
  description = "Host name of the DB instance."
  value       = aws_db_instance.this.address
}

output "db_instance_port" {
  description = "Port of the DB instance."
  value       = aws_db_instance.this.port
}

output "db_instance_resource_id" {
  description = "Resource ID of the DB instance (used in IAM database authentication policies)."
  value       = aws_db_instance.this.resource_id
}

output "db_instance_name" {
  description = "Name of the database created on the instance."
  value       = aws_db_instance.this.db_name
}

output "db_instance_username" {
  description = "Master user name."
  value       = aws_db_instance.this.username
  sensitive   = true
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret (managed and rotated by RDS) holding the master credentials."
  value       = try(aws_db_instance.this.master_user_secret[0].secret_arn, null)
}

output "db_parameter_group_name" {
  description = "Name of the DB parameter group."
  value       = aws_db_parameter_group.this.name
}

output "security_group_id" {
  description = "ID of the dedicated security group (null unless create_security_group is true)."
  value       = try(aws_security_group.this[0].id, null)
}

output "enhanced_monitoring_role_arn" {
  description = "ARN of the Enhanced Monitoring role (null when monitoring_interval is 0)."
  value       = try(aws_iam_role.monitoring[0].arn, null)
}
