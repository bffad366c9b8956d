data "aws_caller_identity" "current" {}

resource "aws_sns_topic" "this" {
  name              = var.name
  display_name      = var.display_name
  fifo_topic        = var.fifo_topic ? true : null
  kms_master_key_id = var.kms_master_key_id

  tags = var.tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "AccountOwnerFullAccess"
    actions   = ["sns:*"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.account_id]
    }
  }

  dynamic "statement" {
    for_each = length(var.allowed_publisher_services) > 0 ? [1] : []

    content {
      sid       = "AllowServicesToPublish"
      actions   = ["sns:Publish"]
      resources = [aws_sns_topic.this.arn]

      principals {
        type        = "Service"
        identifiers = var.allowed_publisher_services
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.current.account_id]
      }
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.this.json
}

resource "aws_sns_topic_subscription" "this" {
  for_each = { for subscription in var.subscriptions : "${subscription.protocol}:${subscription.endpoint}" => subscription }

  topic_arn            = aws_sns_topic.this.arn
  protocol             = each.value.protocol
  endpoint             = each.value.endpoint
  raw_message_delivery = contains(["sqs", "https", "http", "firehose"], each.value.protocol) ? each.value.raw_message_delivery : null
}
