#!/usr/bin/env bash
# Runs the cost model benchmark (see README.md) and prints both medians and
# their ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/scripts/toolchain.sh"
ensure_toolchain
cd "$ROOT/plugins/cost-node"
CI=true BENCH_ROUNDS=${ROUNDS:-5} BENCH_DB_EVERY=${DB_EVERY:-10} \
  yarn backstage-cli package test --testMatch '**/src/bench/cost.bench.ts'
