output "queue_id" {
  description = "ID of the queue (its URL)."
  value       = aws_sqs_queue.this.id
}

output "queue_url" {
  description = "URL of the queue, what SDK clients send to and receive from."
  value       = aws_sqs_queue.this.url
}

output "queue_arn" {
  description = "ARN of the queue (use it in IAM policies and as a redrive target)."
  value       = aws_sqs_queue.this.arn
}

output "queue_name" {
  description = "Name of the queue."
  value       = aws_sqs_queue.this.name
}
