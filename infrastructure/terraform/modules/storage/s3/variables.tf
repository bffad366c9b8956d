variable "bucket" {
  type        = string
  description = "Globally unique bucket name, e.g. ecommerce-product-images-prod."
}

variable "force_destroy" {
  type        = bool
  description = "Allow destroying the bucket while it still holds objects (only for throwaway environments)."
  default     = false
}

variable "versioning_enabled" {
  type        = bool
  description = "Keep every version of every object (protects against overwrites and deletes)."
  default     = true
}

variable "lifecycle_rules" {
  type = list(object({
    id      = string
    enabled = optional(bool, true)
    prefix  = optional(string, "")
    transition = optional(list(object({
      days          = number
      storage_class = string
    })), [])
    noncurrent_version_transition = optional(list(object({
      noncurrent_days = number
      storage_class   = string
    })), [])
    expiration_days                        = optional(number)
    noncurrent_version_expiration_days     = optional(number)
    abort_incomplete_multipart_upload_days = optional(number, 7)
  }))
  description = "Lifecycle rules: transitions to cheaper storage classes and expirations, optionally limited to a key prefix."
  default     = []
}

variable "server_side_encryption_configuration" {
  type = object({
    rule = object({
      apply_server_side_encryption_by_default = object({
        sse_algorithm     = string
        kms_master_key_id = optional(string)
      })
      bucket_key_enabled = optional(bool)
    })
  })
  description = "Default encryption of new objects (sse_algorithm AES256, aws:kms or aws:kms:dsse)."
  default = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "AES256"
      }
    }
  }
}

variable "cors_rule" {
  type = list(object({
    allowed_headers = optional(list(string), [])
    allowed_methods = list(string)
    allowed_origins = list(string)
    expose_headers  = optional(list(string), [])
    max_age_seconds = optional(number)
  }))
  description = "CORS rules for browsers reading the bucket directly."
  default     = []
}

variable "object_ownership" {
  type        = string
  description = "Object ownership: BucketOwnerEnforced disables ACLs so the bucket policy alone decides access."
  default     = "BucketOwnerEnforced"
}

variable "cloudfront_read_access" {
  type        = bool
  description = "Let CloudFront distributions of this account read objects through origin access control (the bucket stays private)."
  default     = false
}

variable "policy" {
  type        = string
  description = "Extra bucket policy statements as a JSON policy document, merged with the module's own (TLS only, CloudFront read)."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the bucket."
  default     = {}
}
