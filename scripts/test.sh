#!/usr/bin/env bash
# The whole test suite: type check, lint, formatting, app-config against the
# config schemas, unit and integration tests on SQLite and PostgreSQL, the
# production backend bundle, and browser tests in Chromium. Installs what is
# missing first (Node 22, Yarn 4, dependencies, Chromium), and starts a
# throwaway PostgreSQL 15 unless
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
#
#   ./scripts/test.sh            everything
#   ./scripts/test.sh unit e2e   only the named steps
set -euo pipefail
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/toolchain.sh
source "$SCRIPTS/toolchain.sh"
# shellcheck source=scripts/system-packages.sh
source "$SCRIPTS/system-packages.sh"
# shellcheck source=scripts/postgres.sh
source "$SCRIPTS/postgres.sh"

ALL_STEPS=(typecheck lint prettier config gitops unit production e2e)
STEPS=("${@:-${ALL_STEPS[@]}}")
export CI="${CI:-true}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export GOLDENPATH_REQUIRE_POSTGRES=1
RESULTS_DIR="$REPO_ROOT/test-results"

want() { local s; for s in "${STEPS[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
FAILED_STEPS=()
CHECKS_PASSED=0
CHECKS_FAILED=0
# Runs one step; a failing step is reported at the end, the others still run.
# Steps that write no test report count as one check each in the summary.
step() {
  local title="$1"
  shift
  printf '\n==> %s\n' "$title"
  local t0=$SECONDS
  if "$@"; then
    printf '==> %s: ok (%d s)\n' "$title" "$((SECONDS - t0))"
    [ -n "${REPORTS:-}" ] || CHECKS_PASSED=$((CHECKS_PASSED + 1))
  else
    printf '==> %s: FAILED (%d s)\n' "$title" "$((SECONDS - t0))"
    FAILED_STEPS+=("$title")
    [ -n "${REPORTS:-}" ] || CHECKS_FAILED=$((CHECKS_FAILED + 1))
  fi
}
# The app-config files, as each is used, against every package's config
# schema: types, allowed values, and no key a schema does not declare.
# shellcheck disable=SC2317 # called through step
check_app_configs() {
  yarn backstage-cli config:check --strict --config app-config.yaml &&
    yarn backstage-cli config:check --strict --config app-config.yaml \
      --config packages/app/e2e-tests/app-config.e2e.yaml &&
    yarn backstage-cli config:check --strict --lax --config app-config.yaml \
      --config app-config.production.yaml
}
# shellcheck disable=SC2317 # called through step
build_and_smoke_test_production() {
  yarn build:backend && node "$SCRIPTS/smoke-production.mjs"
}

trap stop_test_postgres EXIT

ensure_toolchain
ensure_system_packages
cd "$REPO_ROOT"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
started=$SECONDS

want typecheck && step "type check" yarn tsc
want lint && step "lint" yarn lint:all
want prettier && step "formatting" yarn prettier:check
want config && step "app-config against the config schemas (strict)" check_app_configs
want gitops && step "GitOps YAML style (yamllint; the validation suite runs with the unit tests)" \
  bash gitops-config/scripts/validate.sh
want gitops && step "Terraform formatting" terraform fmt -check -recursive infrastructure
want gitops && step "shell scripts (shellcheck)" \
  shellcheck -x scripts/*.sh infrastructure/scripts/*.sh gitops-config/scripts/*.sh bench/*/run.sh .ci/run
if want unit || want production; then
  start_test_postgres
fi
want unit && REPORTS=1 step "unit and integration tests (SQLite and PostgreSQL)" \
  yarn test --json --outputFile="$RESULTS_DIR/unit.json"
want production && REPORTS=1 step "production backend bundle" \
  build_and_smoke_test_production
want e2e && REPORTS=1 step "browser tests (Chromium)" yarn test:e2e

status=0
node "$SCRIPTS/summarize-tests.mjs" "$RESULTS_DIR" "$((SECONDS - started))" \
  "$CHECKS_PASSED" "$CHECKS_FAILED" || status=1
if [ "${#FAILED_STEPS[@]}" -gt 0 ]; then
  printf 'failed steps: %s\n' "$(IFS=,; echo "${FAILED_STEPS[*]}")"
  status=1
fi
exit "$status"
