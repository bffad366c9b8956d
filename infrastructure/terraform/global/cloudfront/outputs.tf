output "distribution_id" {
  description = "ID of the product images distribution (for cache invalidations)."
  value       = aws_cloudfront_distribution.images.id
}

output "distribution_arn" {
  description = "ARN of the product images distribution."
  value       = aws_cloudfront_distribution.images.arn
}

output "distribution_domain_name" {
  description = "CloudFront domain name of the distribution."
  value       = aws_cloudfront_distribution.images.domain_name
}

output "images_url" {
  description = "Base URL product images are served from."
  value       = "https://${local.images_domain}"
}
