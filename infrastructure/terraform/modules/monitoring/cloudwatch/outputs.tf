output "alarm_arns" {
  description = "ARNs of the alarms, keyed like var.alarms."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.this : key => alarm.arn }
}

output "alarm_names" {
  description = "Names of the alarms, keyed like var.alarms."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.this : key => alarm.alarm_name }
}

output "log_group_arns" {
  description = "ARNs of the log groups, keyed by name."
  value       = { for name, group in aws_cloudwatch_log_group.this : name => group.arn }
}

output "dashboard_name" {
  description = "Name of the dashboard (null when not created)."
  value       = try(aws_cloudwatch_dashboard.this[0].dashboard_name, null)
}
