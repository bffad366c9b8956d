locals {
  engine_major_version = split(".", var.engine_version)[0]

  parameter_group_family = coalesce(
    var.parameter_group_family,
    var.engine == "postgres" ? "postgres${local.engine_major_version}" : "${var.engine}${join(".", slice(split(".", "${var.engine_version}.0"), 0, 2))}",
  )

  # Secure and observable defaults for PostgreSQL: TLS only, slow queries
  # logged, pg_stat_statements loaded for the query dashboards.
  default_parameters = var.engine == "postgres" ? [
    { name = "rds.force_ssl", value = "1", apply_method = "pending-reboot" },
    { name = "log_min_duration_statement", value = "1000", apply_method = "immediate" },
    { name = "shared_preload_libraries", value = "pg_stat_statements", apply_method = "pending-reboot" },
  ] : []

  parameters = values(merge(
    { for parameter in local.default_parameters : parameter.name => parameter },
    { for parameter in var.parameters : parameter.name => parameter },
  ))
}

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.identifier}-"
  description = "Parameters of ${var.identifier}"
  family      = local.parameter_group_family

  dynamic "parameter" {
    for_each = local.parameters

    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = parameter.value.apply_method
    }
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}
