variable "aws_region" {
  type        = string
  description = "AWS region of the provider; us-east-1, where CloudFront certificates must live."
  default     = "us-east-1"
}

variable "domain_name" {
  type        = string
  description = "Public domain whose hosted zone and wildcard certificate (terraform/global/route53) the distribution uses."
  default     = "ecommerce.com"
}

variable "images_subdomain" {
  type        = string
  description = "Subdomain the product images are served from (images.<domain_name>)."
  default     = "images"
}

variable "images_bucket_name" {
  type        = string
  description = "Product images bucket of production (created by terraform/environments/prod with cloudfront_read_access = true)."
  default     = "ecommerce-product-images-prod"
}

variable "price_class" {
  type        = string
  description = "CloudFront price class: PriceClass_100 (North America and Europe), PriceClass_200 or PriceClass_All."
  default     = "PriceClass_100"
}

variable "cors_allowed_origins" {
  type        = list(string)
  description = "Origins allowed to fetch images from browsers (CORS)."
  default     = ["https://www.ecommerce.com"]
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for the distribution."
  default     = {}
}
