output "topic_arn" {
  description = "ARN of the topic (alarm_actions, publish permissions)."
  value       = aws_sns_topic.this.arn
}

output "topic_name" {
  description = "Name of the topic."
  value       = aws_sns_topic.this.name
}

output "subscription_arns" {
  description = "ARNs of the subscriptions keyed by protocol:endpoint (pending email subscriptions report \"pending confirmation\")."
  value       = { for key, subscription in aws_sns_topic_subscription.this : key => subscription.arn }
}
