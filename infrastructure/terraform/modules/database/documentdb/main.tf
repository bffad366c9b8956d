locals {
  parameter_group_family = "docdb${join(".", slice(split(".", var.engine_version), 0, 2))}"
}

resource "aws_docdb_cluster_parameter_group" "this" {
  name_prefix = "${var.cluster_identifier}-"
  family      = local.parameter_group_family
  description = "Parameters of ${var.cluster_identifier}"

  parameter {
    name  = "tls"
    value = "enabled"
  }

  parameter {
    name  = "audit_logs"
    value = contains(var.enabled_cloudwatch_logs_exports, "audit") ? "enabled" : "disabled"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier              = var.cluster_identifier
  engine                          = "docdb"
  engine_version                  = var.engine_version
  port                            = var.port
  master_username                 = var.master_username
  master_password                 = var.master_password
  db_subnet_group_name            = var.db_subnet_group_name
  vpc_security_group_ids          = var.vpc_security_group_ids
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.this.name

  backup_retention_period      = var.backup_retention_period
  preferred_backup_window      = var.preferred_backup_window
  preferred_maintenance_window = var.preferred_maintenance_window

  storage_encrypted               = var.storage_encrypted
  kms_key_id                      = var.kms_key_id
  enabled_cloudwatch_logs_exports = var.enabled_cloudwatch_logs_exports

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${var.cluster_identifier}-final"
  apply_immediately         = var.apply_immediately

  tags = var.tags
}

resource "aws_docdb_cluster_instance" "this" {
  count = var.instance_count

  identifier                 = "${var.cluster_identifier}-${count.index + 1}"
  cluster_identifier         = aws_docdb_cluster.this.id
  instance_class             = var.instance_class
  auto_minor_version_upgrade = true
  apply_immediately          = var.apply_immediately

  tags = var.tags
}
