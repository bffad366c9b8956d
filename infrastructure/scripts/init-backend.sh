#!/usr/bin/env bash
# Creates the S3 bucket and DynamoDB table that hold the Terraform state and
# its locks. Safe to run again: whatever exists is left as it is, and the
# bucket's protections (versioning, encryption, public access block, TLS-only
# policy) are re-applied.
#
# Usage: scripts/init-backend.sh [--bucket NAME] [--table NAME] [--region REGION]
# Defaults match terraform/environments/*/backend.tf.
set -euo pipefail

STATE_BUCKET="${STATE_BUCKET:-ecommerce-terraform-state}"
LOCK_TABLE="${LOCK_TABLE:-terraform-lock}"
REGION="${AWS_REGION:-us-east-1}"

usage() {
  # The comment block at the top of this file is the help text.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --bucket) STATE_BUCKET="${2:?--bucket needs a bucket name}"; shift 2 ;;
    --table) LOCK_TABLE="${2:?--table needs a table name}"; shift 2 ;;
    --region) REGION="${2:?--region needs a region, e.g. us-east-1}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (expected --bucket, --table or --region)" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*"; }

if ! command -v aws >/dev/null 2>&1; then
  echo "error: the aws CLI is not installed; install AWS CLI v2 and configure credentials first" >&2
  exit 1
fi

account_id="$(aws sts get-caller-identity --query Account --output text)"
log "Account ${account_id}, region ${REGION}"

tags='[{"Key":"Project","Value":"ecommerce-platform"},{"Key":"ManagedBy","Value":"init-backend.sh"},{"Key":"Shared","Value":"true"}]'

# --- S3 state bucket -------------------------------------------------------
if aws s3api head-bucket --bucket "${STATE_BUCKET}" >/dev/null 2>&1; then
  log "Bucket ${STATE_BUCKET} exists"
else
  log "Creating bucket ${STATE_BUCKET}"
  if [[ "${REGION}" == "us-east-1" ]]; then
    # us-east-1 rejects an explicit LocationConstraint.
    aws s3api create-bucket --bucket "${STATE_BUCKET}" --region "${REGION}" >/dev/null
  else
    aws s3api create-bucket --bucket "${STATE_BUCKET}" --region "${REGION}" \
      --create-bucket-configuration "LocationConstraint=${REGION}" >/dev/null
  fi
  aws s3api wait bucket-exists --bucket "${STATE_BUCKET}"
fi

log "Enabling versioning (every state revision can be restored)"
aws s3api put-bucket-versioning --bucket "${STATE_BUCKET}" \
  --versioning-configuration Status=Enabled

log "Enabling default encryption"
aws s3api put-bucket-encryption --bucket "${STATE_BUCKET}" \
  --server-side-encryption-configuration \
  '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BucketKeyEnabled":true}]}'

log "Blocking public access"
aws s3api put-public-access-block --bucket "${STATE_BUCKET}" \
  --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true

log "Requiring TLS"
policy="$(cat <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyInsecureTransport",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::${STATE_BUCKET}", "arn:aws:s3:::${STATE_BUCKET}/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
  }]
}
JSON
)"
aws s3api put-bucket-policy --bucket "${STATE_BUCKET}" --policy "${policy}"

log "Expiring state versions older than 90 days"
aws s3api put-bucket-lifecycle-configuration --bucket "${STATE_BUCKET}" \
  --lifecycle-configuration \
  '{"Rules":[{"ID":"expire-old-state-versions","Status":"Enabled","Filter":{"Prefix":""},"NoncurrentVersionExpiration":{"NoncurrentDays":90},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}'

aws s3api put-bucket-tagging --bucket "${STATE_BUCKET}" --tagging "{\"TagSet\":${tags}}"

# --- DynamoDB lock table ---------------------------------------------------
if aws dynamodb describe-table --table-name "${LOCK_TABLE}" --region "${REGION}" >/dev/null 2>&1; then
  log "Table ${LOCK_TABLE} exists"
else
  log "Creating table ${LOCK_TABLE}"
  aws dynamodb create-table \
    --region "${REGION}" \
    --table-name "${LOCK_TABLE}" \
    --attribute-definitions AttributeName=LockID,AttributeType=S \
    --key-schema AttributeName=LockID,KeyType=HASH \
    --billing-mode PAY_PER_REQUEST \
    --sse-specification Enabled=true \
    --tags "${tags}" >/dev/null
  aws dynamodb wait table-exists --table-name "${LOCK_TABLE}" --region "${REGION}"
fi

log "Enabling point-in-time recovery of ${LOCK_TABLE}"
aws dynamodb update-continuous-backups --region "${REGION}" \
  --table-name "${LOCK_TABLE}" \
  --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true >/dev/null

log "Backend ready: bucket=${STATE_BUCKET} table=${LOCK_TABLE} region=${REGION}"
log "Next: cd terraform/environments/dev && terraform init"
