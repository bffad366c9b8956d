#!/usr/bin/env bash
# Checks formatting of all Terraform code, then runs `terraform init
# -backend=false` and `terraform validate` in every environment, global stack
# and module. Provider plugins must be downloadable (or cached through
# TF_PLUGIN_CACHE_DIR); where they cannot be installed, that directory is
# reported as skipped instead of failed, unless --strict is given.
#
# Usage: scripts/validate-all.sh [--fmt-only] [--strict]
set -euo pipefail

usage() {
  # The comment block at the top of this file is the help text.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
terraform_root="${repo_root}/terraform"

fmt_only=false
strict=false
for arg in "$@"; do
  case "${arg}" in
    --fmt-only) fmt_only=true ;;
    --strict) strict=true ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown argument '${arg}' (expected --fmt-only or --strict)" >&2; exit 2 ;;
  esac
done

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not installed (>= 1.6.0 is required)" >&2
  exit 1
fi

failures=0
skipped=0

echo "==> terraform fmt -check -recursive"
if terraform fmt -check -recursive -diff "${terraform_root}"; then
  echo "    formatting OK"
else
  echo "    formatting problems above; fix them with: terraform fmt -recursive terraform/" >&2
  failures=$((failures + 1))
fi

if [[ "${fmt_only}" == true ]]; then
  [[ "${failures}" -eq 0 ]] || exit 1
  exit 0
fi

# .terraform directories go to a scratch location, so validating never leaves
# provider binaries in the working tree.
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT

validate_dir() {
  local dir="$1"
  local name="${dir#"${terraform_root}/"}"
  local had_lock_file=false
  [[ -f "${dir}/.terraform.lock.hcl" ]] && had_lock_file=true

  export TF_DATA_DIR="${scratch}/${name//\//_}"
  local init_log="${TF_DATA_DIR}.init.log"

  if ! terraform -chdir="${dir}" init -backend=false -input=false -no-color >"${init_log}" 2>&1; then
    if grep -Eq 'Failed to query available provider packages|Failed to install provider|could not connect|dial tcp|no such host|i/o timeout' "${init_log}" && [[ "${strict}" != true ]]; then
      echo "    SKIP ${name}: providers could not be installed"
      skipped=$((skipped + 1))
    else
      echo "    FAIL ${name}: terraform init" >&2
      sed 's/^/      /' "${init_log}" >&2
      failures=$((failures + 1))
    fi
  elif terraform -chdir="${dir}" validate -no-color >"${init_log}" 2>&1; then
    echo "    OK   ${name}"
  else
    echo "    FAIL ${name}: terraform validate" >&2
    sed 's/^/      /' "${init_log}" >&2
    failures=$((failures + 1))
  fi

  # Modules do not commit lock files; environments and global stacks do.
  if [[ "${had_lock_file}" == false && "${name}" == modules/* ]]; then
    rm -f "${dir}/.terraform.lock.hcl"
  fi
  unset TF_DATA_DIR
}

echo "==> terraform init -backend=false && terraform validate"
while IFS= read -r dir; do
  validate_dir "${dir}"
done < <(
  {
    find "${terraform_root}/environments" "${terraform_root}/global" -mindepth 1 -maxdepth 1 -type d
    find "${terraform_root}/modules" -mindepth 2 -maxdepth 2 -type d
  } | sort
)

echo "==> ${failures} failed, ${skipped} skipped"
[[ "${failures}" -eq 0 ]]
