#!/usr/bin/env bash
# Runs the Flux benchmark (see README.md) and prints the request counts of the
# shared cache and of a per-entity fan-out, their ratio, and the status
# endpoint's latency.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/scripts/toolchain.sh"
ensure_toolchain
cd "$ROOT/plugins/flux-backend"
CI=true BENCH_SECONDS=${SECONDS_TO_RUN:-180} BENCH_TIME_SCALE=${TIME_SCALE:-10} \
  yarn backstage-cli package test --testMatch '**/src/bench/flux.bench.ts'
