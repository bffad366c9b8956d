aws_region = "us-east-1"

alert_email_addresses = ["platform-team+staging@ecommerce.com"]
