output "zone_id" {
  description = "ID of the main public hosted zone."
  value       = aws_route53_zone.main.zone_id
}

output "name_servers" {
  description = "Name servers of the main zone; set them at the domain registrar."
  value       = aws_route53_zone.main.name_servers
}

output "environment_zone_ids" {
  description = "IDs of the delegated per-environment zones, keyed by subdomain (for external-dns)."
  value       = { for name, zone in aws_route53_zone.environment : name => zone.zone_id }
}

output "certificate_arn" {
  description = "ARN of the validated wildcard certificate for the domain."
  value       = aws_acm_certificate_validation.wildcard.certificate_arn
}
