output "nat_gateway_ids" {
  description = "IDs of the NAT gateways."
  value       = aws_nat_gateway.this[*].id
}

output "nat_public_ips" {
  description = "Public Elastic IP addresses of the NAT gateways (allow-list these at third parties such as payment providers)."
  value       = aws_eip.this[*].public_ip
}

output "eip_allocation_ids" {
  description = "Allocation IDs of the NAT gateways' Elastic IPs."
  value       = aws_eip.this[*].id
}
