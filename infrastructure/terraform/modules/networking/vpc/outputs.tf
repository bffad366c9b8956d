output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "Availability zones the subnets are spread over."
  value       = var.availability_zones
}

output "public_subnets" {
  description = "IDs of the public subnets."
  value       = aws_subnet.public[*].id
}

output "private_subnets" {
  description = "IDs of the private subnets (EKS nodes and pods)."
  value       = aws_subnet.private[*].id
}

output "private_subnets_cidr_blocks" {
  description = "CIDR blocks of the private subnets."
  value       = aws_subnet.private[*].cidr_block
}

output "database_subnets" {
  description = "IDs of the isolated database subnets."
  value       = aws_subnet.database[*].id
}

output "database_subnet_group" {
  description = "Name of the RDS DB subnet group over the database subnets (null when there are no database subnets)."
  value       = try(aws_db_subnet_group.database[0].name, null)
}

output "elasticache_subnet_group" {
  description = "Name of the ElastiCache subnet group over the database subnets (null when there are no database subnets)."
  value       = try(aws_elasticache_subnet_group.cache[0].name, null)
}

output "database_security_group_id" {
  description = "ID of the security group that opens var.database_port to the private subnets; attach it to databases."
  value       = module.database_security_group.security_group_id
}

output "cache_security_group_id" {
  description = "ID of the security group that opens var.cache_port to the private subnets; attach it to caches."
  value       = module.cache_security_group.security_group_id
}

output "public_route_table_ids" {
  description = "IDs of the public route tables."
  value       = aws_route_table.public[*].id
}

output "private_route_table_ids" {
  description = "IDs of the private route tables."
  value       = aws_route_table.private[*].id
}

output "internet_gateway_id" {
  description = "ID of the internet gateway (null without public subnets)."
  value       = try(aws_internet_gateway.this[0].id, null)
}

output "nat_gateway_ids" {
  description = "IDs of the NAT gateways."
  value       = try(module.nat_gateway[0].nat_gateway_ids, [])
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways: the addresses the platform's outbound traffic comes from."
  value       = try(module.nat_gateway[0].nat_public_ips, [])
}
