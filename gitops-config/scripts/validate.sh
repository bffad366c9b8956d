#!/usr/bin/env bash
# Style checks of the GitOps repository that need no Node.js: yamllint on every
# YAML file. The full validation suite (every kustomization builds, every
# rendered object matches its schema, the Kyverno policies admit every app
# overlay, Flux paths, dependencies and post-build variables, promtool on the
# alert rules, Grafana dashboards) is validateGitopsConfig in
# plugins/gitops-node, which the portal's test command runs.
set -euo pipefail
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT"
yamllint -s .
echo "yamllint clean"
