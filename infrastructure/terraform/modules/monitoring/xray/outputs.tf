output "sampling_rule_arns" {
  description = "ARNs of the sampling rules, keyed like var.sampling_rules."
  value       = { for key, rule in aws_xray_sampling_rule.this : key => rule.arn }
}

output "group_arns" {
  description = "ARNs of the trace groups, keyed like var.groups."
  value       = { for key, group in aws_xray_group.this : key => group.arn }
}
