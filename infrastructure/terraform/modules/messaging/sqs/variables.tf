variable "name" {
  type        = string
  description = "Queue name, e.g. order-processing-prod (FIFO queues end in .fifo)."
}

variable "fifo_queue" {
  type        = bool
  description = "Create a FIFO queue (exactly-once, ordered)."
  default     = false
}

variable "content_based_deduplication" {
  type        = bool
  description = "FIFO only: deduplicate messages by a hash of their body."
  default     = false
}

variable "visibility_timeout_seconds" {
  type        = number
  description = "Seconds a received message stays hidden from other consumers; longer than the consumer's processing time."
  default     = 30
}

variable "message_retention_seconds" {
  type        = number
  description = "Seconds a message is kept (60 to 1209600 = 14 days)."
  default     = 345600
}

variable "max_message_size" {
  type        = number
  description = "Largest message in bytes (1024 to 262144)."
  default     = 262144
}

variable "delay_seconds" {
  type        = number
  description = "Seconds every new message is delayed before it can be received."
  default     = 0
}

variable "receive_wait_time_seconds" {
  type        = number
  description = "Long-polling wait in seconds (0-20); 20 cuts empty receives and cost."
  default     = 0
}

variable "redrive_policy" {
  type = object({
    deadLetterTargetArn = string
    maxReceiveCount     = number
  })
  description = "Dead-letter queue: after maxReceiveCount failed receives a message moves to deadLetterTargetArn. Null means no dead-letter queue."
  default     = null
}

variable "sqs_managed_sse_enabled" {
  type        = bool
  description = "Encrypt messages with SQS-managed keys (ignored when kms_master_key_id is set)."
  default     = true
}

variable "kms_master_key_id" {
  type        = string
  description = "KMS key for server-side encryption; null uses SQS-managed encryption."
  default     = null
}

variable "queue_policy" {
  type        = string
  description = "Queue access policy as JSON, e.g. to let an SNS topic or EventBridge rule send messages; null attaches none."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the queue."
  default     = {}
}
