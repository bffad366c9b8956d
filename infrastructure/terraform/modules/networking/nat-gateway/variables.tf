variable "name" {
  type        = string
  description = "Name prefix of the NAT gateways and their Elastic IPs."
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Public subnets to place NAT gateways in, one per availability zone (only the first is used when single_nat_gateway is true)."

  validation {
    condition     = length(var.public_subnet_ids) > 0
    error_message = "public_subnet_ids must contain at least one public subnet ID."
  }
}

variable "private_route_table_ids" {
  type        = list(string)
  description = "Private route tables that get a default route through a NAT gateway. With one NAT per zone, route table i uses the NAT in public subnet i."
  default     = []
}

variable "single_nat_gateway" {
  type        = bool
  description = "Create one NAT gateway shared by all zones (cheaper, but one zone failure cuts outbound traffic of the others)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the NAT gateways and Elastic IPs."
  default     = {}
}
