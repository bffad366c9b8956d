#!/usr/bin/env bash
# The whole test suite: type check, lint, formatting, unit and integration
# tests on SQLite and PostgreSQL, the production backend bundle, and browser
# tests in Chromium. Installs what is missing first (Node 22, Yarn 4,
# dependencies, Chromium), and starts a throwaway PostgreSQL 15 unless
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
#
#   ./scripts/test.sh            everything
#   ./scripts/test.sh unit e2e   only the named steps
set -euo pipefail
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$SCRIPTS/toolchain.sh"
source "$SCRIPTS/system-packages.sh"
source "$SCRIPTS/postgres.sh"

ALL_STEPS=(typecheck lint prettier unit production e2e)
STEPS=("${@:-${ALL_STEPS[@]}}")
export CI="${CI:-true}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export GOLDENPATH_REQUIRE_POSTGRES=1
RESULTS_DIR="$REPO_ROOT/test-results"

want() { local s; for s in "${STEPS[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
step() { printf '\n==> %s\n' "$*"; }

cleanup() { stop_test_postgres; }
trap cleanup EXIT

ensure_toolchain
ensure_system_packages
cd "$REPO_ROOT"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
started=$SECONDS

if want typecheck; then
  step "type check"
  yarn tsc
fi
if want lint; then
  step "lint"
  yarn lint:all
fi
if want prettier; then
  step "formatting"
  yarn prettier:check
fi
if want unit || want production; then
  start_test_postgres
fi
if want unit; then
  step "unit and integration tests (SQLite and PostgreSQL)"
  yarn test --json --outputFile="$RESULTS_DIR/unit.json"
fi
if want production; then
  step "production backend bundle"
  yarn build:backend
  node "$SCRIPTS/smoke-production.mjs"
fi
if want e2e; then
  step "browser tests (Chromium)"
  yarn test:e2e
fi

node "$SCRIPTS/summarize-tests.mjs" "$RESULTS_DIR" "$((SECONDS - started))"
