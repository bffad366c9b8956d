locals {
  create_bus = var.bus_name != "default"
  bus_name   = local.create_bus ? aws_cloudwatch_event_bus.this[0].name : "default"
  bus_arn    = local.create_bus ? aws_cloudwatch_event_bus.this[0].arn : data.aws_cloudwatch_event_bus.default[0].arn

  targets = merge([
    for rule_name, rule in var.rules : {
      for target_id, target in rule.targets : "${rule_name}/${target_id}" => merge(target, {
        rule_name = rule_name
        target_id = target_id
      })
    }
  ]...)
}

resource "aws_cloudwatch_event_bus" "this" {
  count = local.create_bus ? 1 : 0

  name = var.bus_name

  tags = var.tags
}

data "aws_cloudwatch_event_bus" "default" {
  count = local.create_bus ? 0 : 1

  name = "default"
}

resource "aws_cloudwatch_event_rule" "this" {
  for_each = var.rules

  name           = each.key
  description    = each.value.description
  event_bus_name = local.bus_name
  event_pattern  = each.value.event_pattern
  state          = each.value.enabled ? "ENABLED" : "DISABLED"

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "this" {
  for_each = local.targets

  rule           = aws_cloudwatch_event_rule.this[each.value.rule_name].name
  event_bus_name = local.bus_name
  target_id      = each.value.target_id
  arn            = each.value.arn
  role_arn       = each.value.role_arn
  input_path     = each.value.input_path

  dynamic "dead_letter_config" {
    for_each = each.value.dead_letter_arn != null ? [each.value.dead_letter_arn] : []

    content {
      arn = dead_letter_config.value
    }
  }
}

resource "aws_cloudwatch_event_archive" "this" {
  count = var.archive_retention_days > 0 ? 1 : 0

  name             = "${substr(var.bus_name, 0, 40)}-archive"
  event_source_arn = local.bus_arn
  retention_days   = var.archive_retention_days
}
