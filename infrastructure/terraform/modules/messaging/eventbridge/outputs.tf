output "bus_name" {
  description = "Name of the event bus."
  value       = local.bus_name
}

output "bus_arn" {
  description = "ARN of the event bus (grant events:PutEvents on it to publishers)."
  value       = local.bus_arn
}

output "rule_arns" {
  description = "ARNs of the rules, keyed like var.rules."
  value       = { for name, rule in aws_cloudwatch_event_rule.this : name => rule.arn }
}

output "archive_arn" {
  description = "ARN of the event archive (null when archive_retention_days is 0)."
  value       = try(aws_cloudwatch_event_archive.this[0].arn, null)
}
