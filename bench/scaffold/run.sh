#!/usr/bin/env bash
# Runs the scaffold benchmark (see README.md) and prints both medians and
# their ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/scripts/toolchain.sh"
ensure_toolchain
cd "$ROOT/plugins/scaffolder-backend-module-gitops"
CI=true BENCH_ROUNDS=${ROUNDS:-3} yarn backstage-cli package test \
  --testMatch '**/src/bench/scaffold.bench.ts'
