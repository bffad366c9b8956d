output "instance_id" {
  description = "ID of the instance."
  value       = aws_instance.this.id
}

output "instance_arn" {
  description = "ARN of the instance."
  value       = aws_instance.this.arn
}

output "private_ip" {
  description = "Private IPv4 address of the instance."
  value       = aws_instance.this.private_ip
}

output "public_ip" {
  description = "Public IPv4 address of the instance (empty without associate_public_ip_address)."
  value       = aws_instance.this.public_ip
}

output "iam_role_arn" {
  description = "ARN of the instance's IAM role."
  value       = aws_iam_role.this.arn
}

output "iam_instance_profile_name" {
  description = "Name of the instance profile."
  value       = aws_iam_instance_profile.this.name
}
