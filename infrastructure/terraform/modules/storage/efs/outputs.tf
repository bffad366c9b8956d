output "file_system_id" {
  description = "ID of the file system."
  value       = aws_efs_file_system.this.id
}

output "file_system_arn" {
  description = "ARN of the file system."
  value       = aws_efs_file_system.this.arn
}

output "dns_name" {
  description = "DNS name to mount the file system with."
  value       = aws_efs_file_system.this.dns_name
}

output "security_group_id" {
  description = "ID of the security group of the mount targets."
  value       = aws_security_group.this.id
}

output "mount_target_ids" {
  description = "IDs of the mount targets."
  value       = aws_efs_mount_target.this[*].id
}

output "access_point_ids" {
  description = "IDs of the access points, keyed like var.access_points."
  value       = { for key, access_point in aws_efs_access_point.this : key => access_point.id }
}
