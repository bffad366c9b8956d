#!/usr/bin/env bash
# Runs the checklist benchmark (see README.md) and prints p50/p95/p99 of the
# read and write endpoints on SQLite and, when configured, PostgreSQL.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/scripts/toolchain.sh"
ensure_toolchain
cd "$ROOT/plugins/deployment-checklist-backend"
CI=true BENCH_RATE=${RATE:-200} BENCH_SECONDS=${SECONDS_PER_ENDPOINT:-10} \
  yarn backstage-cli package test --testMatch '**/src/bench/checklist.bench.ts'
