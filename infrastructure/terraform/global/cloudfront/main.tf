provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Environment = "production"
      ManagedBy   = "Terraform"
      Project     = "ecommerce-platform"
      CostCenter  = "engineering"
    }
  }
}

locals {
  images_domain = "${var.images_subdomain}.${var.domain_name}"

  # The CDN serves production product images only, so its cost belongs to
  # product-catalog in production.
  common_tags = merge(var.tags, {
    Environment = "production"
    Project     = "ecommerce-platform"
    Service     = "product-catalog"
  })

  # AWS managed policies (stable IDs, identical in every account).
  caching_optimized_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  cors_s3_origin_policy_id    = "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"
}

data "aws_s3_bucket" "images" {
  bucket = var.images_bucket_name
}

data "aws_route53_zone" "main" {
  name         = var.domain_name
  private_zone = false
}

data "aws_acm_certificate" "wildcard" {
  domain      = var.domain_name
  statuses    = ["ISSUED"]
  most_recent = true
}

resource "aws_cloudfront_origin_access_control" "images" {
  name                              = "product-images"
  description                       = "CloudFront reads ${var.images_bucket_name} with signed requests"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_response_headers_policy" "images_cors" {
  name    = "product-images-cors"
  comment = "CORS and security headers for product images"

  cors_config {
    access_control_allow_credentials = false
    access_control_max_age_sec       = 3000
    origin_override                  = true

    access_control_allow_headers {
      items = ["*"]
    }

    access_control_allow_methods {
      items = ["GET", "HEAD"]
    }

    access_control_allow_origins {
      items = var.cors_allowed_origins
    }
  }

  security_headers_config {
    content_type_options {
      override = true
    }

    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
  }
}

resource "aws_cloudfront_distribution" "images" {
  enabled         = true
  is_ipv6_enabled = true
  comment         = "Product images (${local.images_domain})"
  aliases         = [local.images_domain]
  price_class     = var.price_class
  http_version    = "http2and3"

  origin {
    origin_id                = "product-images"
    domain_name              = data.aws_s3_bucket.images.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.images.id
  }

  default_cache_behavior {
    target_origin_id           = "product-images"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized_policy_id
    origin_request_policy_id   = local.cors_s3_origin_policy_id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.images_cors.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = data.aws_acm_certificate.wildcard.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = local.common_tags
}

resource "aws_route53_record" "images" {
  for_each = toset(["A", "AAAA"])

  zone_id = data.aws_route53_zone.main.zone_id
  name    = local.images_domain
  type    = each.value

  alias {
    name                   = aws_cloudfront_distribution.images.domain_name
    zone_id                = aws_cloudfront_distribution.images.hosted_zone_id
    evaluate_target_health = false
  }
}
