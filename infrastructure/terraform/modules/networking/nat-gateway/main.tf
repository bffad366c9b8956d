locals {
  nat_gateway_count = var.single_nat_gateway ? 1 : length(var.public_subnet_ids)
}

resource "aws_eip" "this" {
  count = local.nat_gateway_count

  domain = "vpc"

  tags = merge(var.tags, { Name = "${var.name}-nat-${count.index}" })
}

resource "aws_nat_gateway" "this" {
  count = local.nat_gateway_count

  allocation_id = aws_eip.this[count.index].id
  subnet_id     = var.public_subnet_ids[count.index]

  tags = merge(var.tags, { Name = "${var.name}-nat-${count.index}" })
}

resource "aws_route" "private_default" {
  count = length(var.private_route_table_ids)

  route_table_id         = var.private_route_table_ids[count.index]
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index % local.nat_gateway_count].id

  timeouts {
    create = "5m"
  }
}
