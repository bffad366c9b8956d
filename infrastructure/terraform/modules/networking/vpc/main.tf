locals {
  zone_count = length(var.availability_zones)

  # One private route table per NAT gateway, so each zone leaves through its own NAT.
  private_route_table_count = length(var.private_subnets) == 0 ? 0 : (var.enable_nat_gateway && !var.single_nat_gateway ? length(var.private_subnets) : 1)

  create_database_subnet_group = length(var.database_subnets) > 0
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_hostnames = var.enable_dns_hostnames
  enable_dns_support   = var.enable_dns_support

  tags = merge(var.tags, { Name = var.name })
}

# Take every rule away from the default security group: anything that needs
# traffic gets a security group of its own.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-default" })
}

resource "aws_internet_gateway" "this" {
  count = length(var.public_subnets) > 0 ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = var.name })
}

################################################################################
# Subnets
################################################################################

resource "aws_subnet" "public" {
  count = length(var.public_subnets)

  vpc_id                  = aws_vpc.this.id
  cidr_block              = var.public_subnets[count.index]
  availability_zone       = var.availability_zones[count.index % local.zone_count]
  map_public_ip_on_launch = false

  tags = merge(var.tags, var.public_subnet_tags, {
    Name = "${var.name}-public-${var.availability_zones[count.index % local.zone_count]}"
    Tier = "public"
  })
}

resource "aws_subnet" "private" {
  count = length(var.private_subnets)

  vpc_id            = aws_vpc.this.id
  cidr_block        = var.private_subnets[count.index]
  availability_zone = var.availability_zones[count.index % local.zone_count]

  tags = merge(var.tags, var.private_subnet_tags, {
    Name = "${var.name}-private-${var.availability_zones[count.index % local.zone_count]}"
    Tier = "private"
  })
}

resource "aws_subnet" "database" {
  count = length(var.database_subnets)

  vpc_id            = aws_vpc.this.id
  cidr_block        = var.database_subnets[count.index]
  availability_zone = var.availability_zones[count.index % local.zone_count]

  tags = merge(var.tags, {
    Name = "${var.name}-database-${var.availability_zones[count.index % local.zone_count]}"
    Tier = "database"
  })
}

################################################################################
# Routing
################################################################################

resource "aws_route_table" "public" {
  count = length(var.public_subnets) > 0 ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route" "public_internet_gateway" {
  count = length(var.public_subnets) > 0 ? 1 : 0

  route_table_id         = aws_route_table.public[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "public" {
  count = length(var.public_subnets)

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public[0].id
}

resource "aws_route_table" "private" {
  count = local.private_route_table_count

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = local.private_route_table_count == 1 ? "${var.name}-private" : "${var.name}-private-${var.availability_zones[count.index % local.zone_count]}"
  })
}

resource "aws_route_table_association" "private" {
  count = length(var.private_subnets)

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index % local.private_route_table_count].id
}

# Database subnets get a route table without a default route: data stores
# never talk to the internet.
resource "aws_route_table" "database" {
  count = length(var.database_subnets) > 0 ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_route_table_association" "database" {
  count = length(var.database_subnets)

  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.database[0].id
}

module "nat_gateway" {
  source = "../nat-gateway"
  count  = var.enable_nat_gateway && length(var.public_subnets) > 0 ? 1 : 0

  name                    = var.name
  public_subnet_ids       = aws_subnet.public[*].id
  private_route_table_ids = aws_route_table.private[*].id
  single_nat_gateway      = var.single_nat_gateway

  tags = var.tags

  depends_on = [aws_internet_gateway.this]
}

################################################################################
# Subnet groups and security groups for the data stores
################################################################################

resource "aws_db_subnet_group" "database" {
  count = local.create_database_subnet_group ? 1 : 0

  name        = "${var.name}-database"
  description = "Database subnets of ${var.name}"
  subnet_ids  = aws_subnet.database[*].id

  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_elasticache_subnet_group" "cache" {
  count = local.create_database_subnet_group ? 1 : 0

  name        = "${var.name}-cache"
  description = "Cache subnets of ${var.name}"
  subnet_ids  = aws_subnet.database[*].id

  tags = merge(var.tags, { Name = "${var.name}-cache" })
}

module "database_security_group" {
  source = "../security-groups"

  name        = "${var.name}-database"
  description = "Database access from the private (workload) subnets"
  vpc_id      = aws_vpc.this.id

  ingress_rules = [for cidr in var.private_subnets : {
    description = "Database from private subnet ${cidr}"
    from_port   = var.database_port
    to_port     = var.database_port
    cidr_ipv4   = cidr
  }]

  tags = var.tags
}

module "cache_security_group" {
  source = "../security-groups"

  name        = "${var.name}-cache"
  description = "Cache access from the private (workload) subnets"
  vpc_id      = aws_vpc.this.id

  ingress_rules = [for cidr in var.private_subnets : {
    description = "Cache from private subnet ${cidr}"
    from_port   = var.cache_port
    to_port     = var.cache_port
    cidr_ipv4   = cidr
  }]

  tags = var.tags
}

################################################################################
# Flow logs
################################################################################

resource "aws_cloudwatch_log_group" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  name              = "/aws/vpc/${var.name}/flow-logs"
  retention_in_days = var.flow_logs_retention_in_days

  tags = var.tags
}

data "aws_iam_policy_document" "flow_logs_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  name_prefix        = "${substr(var.name, 0, 24)}-flow-logs-"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  statement {
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
    ]
    resources = ["${aws_cloudwatch_log_group.flow_logs[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs[0].id
  policy = data.aws_iam_policy_document.flow_logs[0].json
}

resource "aws_flow_log" "this" {
  count = var.enable_flow_logs ? 1 : 0

  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow_logs[0].arn
  iam_role_arn    = aws_iam_role.flow_logs[0].arn

  tags = merge(var.tags, { Name = var.name })
}
