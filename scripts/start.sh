#!/usr/bin/env bash
# Starts the portal locally: backend on :7007, frontend on :3000.
# Installs Node 22, Yarn 4 and the dependencies first when they are missing.
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_toolchain
cd "$REPO_ROOT"
exec yarn start "$@"
