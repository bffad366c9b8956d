locals {
  cluster_name = "ecommerce-prod-cluster"

  # Every module call merges these into its tags, plus Service = "<service>"
  # for resources of one service or Shared = "true" for shared ones; the cost
  # view attributes spend by these tags.
  common_tags = {
    Environment = "production"
    Project     = "ecommerce-platform"
  }
}
