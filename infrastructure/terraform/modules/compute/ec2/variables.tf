variable "name" {
  type        = string
  description = "Name of the instance (Name tag) and prefix of its IAM role."
}

variable "instance_type" {
  type        = string
  description = "EC2 instance type."
  default     = "t3.micro"
}

variable "ami_id" {
  type        = string
  description = "AMI to launch. Null uses the latest Amazon Linux 2023 AMI for x86_64."
  default     = null
}

variable "subnet_id" {
  type        = string
  description = "Subnet to launch the instance in (normally a private subnet; reach it with SSM Session Manager)."
}

variable "vpc_security_group_ids" {
  type        = list(string)
  description = "Security groups attached to the instance."
  default     = []
}

variable "associate_public_ip_address" {
  type        = bool
  description = "Give the instance a public IPv4 address."
  default     = false
}

variable "key_name" {
  type        = string
  description = "EC2 key pair for SSH. Null (recommended) leaves SSH keys out and relies on SSM Session Manager."
  default     = null
}

variable "user_data" {
  type        = string
  description = "Cloud-init user data (plain text)."
  default     = null
}

variable "root_volume_size" {
  type        = number
  description = "Size of the encrypted gp3 root volume in GiB."
  default     = 20
}

variable "iam_role_policy_arns" {
  type        = list(string)
  description = "Extra managed policies attached to the instance role (AmazonSSMManagedInstanceCore is always attached)."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the instance, its root volume and its IAM role."
  default     = {}
}
