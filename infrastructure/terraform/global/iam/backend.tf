terraform {
  backend "s3" {
    bucket         = "ecommerce-terraform-state"
    key            = "global/iam/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    dynamodb_table = "terraform-lock"
  }
}
