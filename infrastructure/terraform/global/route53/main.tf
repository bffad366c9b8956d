provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Environment = "global"
      ManagedBy   = "Terraform"
      Project     = "ecommerce-platform"
      CostCenter  = "engineering"
    }
  }
}

locals {
  common_tags = merge(var.tags, {
    Environment = "global"
    Project     = "ecommerce-platform"
    Shared      = "true"
  })
}

resource "aws_route53_zone" "main" {
  name    = var.domain_name
  comment = "Public zone of the e-commerce platform"

  tags = local.common_tags
}

# One zone per non-production environment, delegated from the main zone, so
# each cluster's external-dns can only write records of its own environment.
resource "aws_route53_zone" "environment" {
  for_each = toset(var.environment_subdomains)

  name    = "${each.value}.${var.domain_name}"
  comment = "Public zone of the ${each.value} environment"

  tags = merge(local.common_tags, { Environment = each.value })
}

resource "aws_route53_record" "environment_delegation" {
  for_each = aws_route53_zone.environment

  zone_id = aws_route53_zone.main.zone_id
  name    = each.value.name
  type    = "NS"
  ttl     = 172800
  records = each.value.name_servers
}

# Only Amazon may issue certificates for the domain.
resource "aws_route53_record" "caa" {
  zone_id = aws_route53_zone.main.zone_id
  name    = var.domain_name
  type    = "CAA"
  ttl     = 3600
  records = [
    "0 issue \"amazon.com\"",
    "0 issuewild \"amazon.com\"",
  ]
}

################################################################################
# Wildcard certificate (us-east-1, so CloudFront can use it too)
################################################################################

resource "aws_acm_certificate" "wildcard" {
  domain_name               = var.domain_name
  subject_alternative_names = ["*.${var.domain_name}"]
  validation_method         = "DNS"

  tags = merge(local.common_tags, { Name = "*.${var.domain_name}" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = {
    for option in aws_acm_certificate.wildcard.domain_validation_options : option.domain_name => {
      name   = option.resource_record_name
      type   = option.resource_record_type
      record = option.resource_record_value
    }
  }

  zone_id         = aws_route53_zone.main.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 300
  records         = [each.value.record]
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "wildcard" {
  certificate_arn         = aws_acm_certificate.wildcard.arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}
