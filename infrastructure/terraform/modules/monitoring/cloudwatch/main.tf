data "aws_region" "current" {}

resource "aws_cloudwatch_log_group" "this" {
  for_each = var.log_groups

  name              = each.key
  retention_in_days = each.value.retention_in_days
  kms_key_id        = each.value.kms_key_id

  tags = var.tags
}

# One graph per alarm with its threshold, so the dashboard shows what the
# alarms watch.
resource "aws_cloudwatch_dashboard" "this" {
  count = var.create_dashboard && length(var.alarms) > 0 ? 1 : 0

  dashboard_name = var.cluster_name
  dashboard_body = jsonencode({
    widgets = [
      for index, name in sort(keys(var.alarms)) : {
        type   = "metric"
        x      = (index % 2) * 12
        y      = floor(index / 2) * 6
        width  = 12
        height = 6
        properties = {
          title  = var.alarms[name].alarm_description
          region = data.aws_region.current.name
          stat   = var.alarms[name].statistic
          period = var.alarms[name].period
          metrics = [
            concat(
              [var.alarms[name].namespace, var.alarms[name].metric_name],
              flatten([for key, value in var.alarms[name].dimensions : [key, value]]),
            )
          ]
          annotations = {
            horizontal = [{ label = "alarm threshold", value = var.alarms[name].threshold }]
          }
        }
      }
    ]
  })
}
