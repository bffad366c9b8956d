variable "name" {
  type        = string
  description = "Name of the VPC; used as the prefix of every resource name in this module."
}

variable "cidr_block" {
  type        = string
  description = "IPv4 CIDR block of the VPC, e.g. 10.0.0.0/16."

  validation {
    condition     = can(cidrhost(var.cidr_block, 0))
    error_message = "cidr_block must be an IPv4 CIDR block such as 10.0.0.0/16."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones to spread the subnets over; subnet i of every tier goes to zone i."

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "availability_zones needs at least two zones: EKS, RDS and ElastiCache subnet groups require two."
  }
}

variable "public_subnets" {
  type        = list(string)
  description = "CIDR blocks of the public subnets (load balancers, NAT gateways), one per availability zone."
  default     = []
}

variable "private_subnets" {
  type        = list(string)
  description = "CIDR blocks of the private subnets (EKS nodes and pods), one per availability zone."
  default     = []
}

variable "database_subnets" {
  type        = list(string)
  description = "CIDR blocks of the isolated database subnets (RDS, ElastiCache, DocumentDB), one per availability zone. They have no route to the internet."
  default     = []
}

variable "enable_nat_gateway" {
  type        = bool
  description = "Give the private subnets outbound internet access through NAT gateways."
  default     = true
}

variable "single_nat_gateway" {
  type        = bool
  description = "Use one NAT gateway for all zones instead of one per zone (cheaper, less resilient)."
  default     = false
}

variable "enable_dns_hostnames" {
  type        = bool
  description = "Enable DNS hostnames in the VPC (required by EKS and private endpoints)."
  default     = true
}

variable "enable_dns_support" {
  type        = bool
  description = "Enable the Amazon-provided DNS resolver in the VPC."
  default     = true
}

variable "public_subnet_tags" {
  type        = map(string)
  description = "Extra tags for the public subnets. The default lets the AWS Load Balancer Controller place internet-facing load balancers there."
  default     = { "kubernetes.io/role/elb" = "1" }
}

variable "private_subnet_tags" {
  type        = map(string)
  description = "Extra tags for the private subnets. The default lets the AWS Load Balancer Controller place internal load balancers there."
  default     = { "kubernetes.io/role/internal-elb" = "1" }
}

variable "database_port" {
  type        = number
  description = "Port the database security group opens to the private subnets."
  default     = 5432
}

variable "cache_port" {
  type        = number
  description = "Port the cache security group opens to the private subnets."
  default     = 6379
}

variable "enable_flow_logs" {
  type        = bool
  description = "Send VPC flow logs (rejected and accepted traffic) to CloudWatch Logs."
  default     = true
}

variable "flow_logs_retention_in_days" {
  type        = number
  description = "Days to keep VPC flow logs in CloudWatch Logs."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource of the module."
  default     = {}
}
