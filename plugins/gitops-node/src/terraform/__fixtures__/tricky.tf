# A comment with module.commented.out and a brace {
locals {
  # "quotes" and } in a comment
  greeting = "hello # not a comment, { not a block"
  escaped  = "a \"quoted\" ${var.name} and $${literal} and %%{literal}"
  nested   = join(",", [for s in var.list : "${s}-}"])
  label    = "id-${lower("A}")}-end"
  policy   = <<-EOT
    {
      "Resource": "${module.bucket.arn}",
      "Note": "} #"
    }
  EOT
  /* block comment with var.hidden
     over two lines { */
  after = module.bucket.id
}

// The block the tests look for
resource "aws_s3_bucket" "this" {
  bucket = "b"

  tags = merge(var.tags, {
    Name = "b"
  })
}
