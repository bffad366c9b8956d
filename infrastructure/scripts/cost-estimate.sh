#!/usr/bin/env bash
# Estimates the monthly cost of each environment with Infracost (reads the
# Terraform code and terraform.tfvars; no AWS credentials or state needed).
#
# Usage: scripts/cost-estimate.sh [dev|staging|prod ...] [--format table|json|html] [--out DIR]
# Without environments, all three are estimated. With --out, one report per
# environment is written to DIR as well.
set -euo pipefail

usage() {
  # The comment block at the top of this file is the help text.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
environments_dir="${repo_root}/terraform/environments"

format="table"
out_dir=""
environments=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    dev | staging | prod) environments+=("$1"); shift ;;
    --format) format="${2:?--format needs table, json or html}"; shift 2 ;;
    --out) out_dir="${2:?--out needs a directory}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (expected dev, staging, prod, --format or --out)" >&2; exit 2 ;;
  esac
done

case "${format}" in
  table | json | html) ;;
  *) echo "error: --format must be table, json or html, not '${format}'" >&2; exit 2 ;;
esac

if [[ ${#environments[@]} -eq 0 ]]; then
  environments=(dev staging prod)
fi

if ! command -v infracost >/dev/null 2>&1; then
  cat >&2 <<'MSG'
infracost is not installed, so no estimate was produced.

Infracost prices the resources in the Terraform code (EKS nodes, RDS instances,
ElastiCache nodes, NAT gateways, ...) with the public AWS price list. To use it:
  1. install the infracost CLI (see the Infracost documentation for your OS),
  2. run `infracost auth login` once, or export INFRACOST_API_KEY,
  3. run this script again.

Until then, docs/README.md lists what each environment provisions.
MSG
  exit 0
fi

if [[ -z "${INFRACOST_API_KEY:-}" ]] && ! infracost configure get api_key >/dev/null 2>&1; then
  echo "error: infracost has no API key; run 'infracost auth login' or export INFRACOST_API_KEY" >&2
  exit 1
fi

if [[ -n "${out_dir}" ]]; then
  mkdir -p "${out_dir}"
fi

for environment in "${environments[@]}"; do
  echo "==> ${environment}"
  args=(
    breakdown
    --path "${environments_dir}/${environment}"
    --terraform-var-file terraform.tfvars
    --format "${format}"
  )
  if [[ -n "${out_dir}" ]]; then
    args+=(--out-file "${out_dir}/${environment}.${format/table/txt}")
  fi
  infracost "${args[@]}"
done
