#!/usr/bin/env bash
# Sourced by the other scripts: makes Node 22+, Yarn 4 and the workspace's
# node_modules available, installing whatever is missing into .toolchain/.
# Everything comes from the npm registry that the machine's npm is set up for,
# so nothing here names a registry host.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="${GOLDENPATH_TOOLCHAIN_DIR:-$REPO_ROOT/.toolchain}"
NODE_MAJOR_WANTED=22
YARN_VERSION="$(sed -n 's/.*"packageManager": *"yarn@\([^"]*\)".*/\1/p' "$REPO_ROOT/package.json")"

log() { printf '[toolchain] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ] && [ "$(node_major "$system_node")" -ge 22 ]; then
    NODE_HOME="$(cd "$(dirname "$system_node")/.." && pwd)"
  else
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) log "unsupported CPU $(uname -m): install Node 22 or 24 yourself"; return 1 ;;
    esac
    local pkg="node-linux-$arch"
    NODE_HOME="$TOOLCHAIN_DIR/node/node_modules/$pkg"
    if [ ! -x "$NODE_HOME/bin/node" ] || [ "$(node_major "$NODE_HOME/bin/node")" -ne "$NODE_MAJOR_WANTED" ]; then
      log "system Node is $(node --version 2>/dev/null || echo missing); installing Node $NODE_MAJOR_WANTED ($pkg) into $TOOLCHAIN_DIR/node"
      mkdir -p "$TOOLCHAIN_DIR/node"
      npm install --prefix "$TOOLCHAIN_DIR/node" --no-save --no-package-lock --no-audit --no-fund \
        "$pkg@$NODE_MAJOR_WANTED" >&2 || return 1
    fi
    export PATH="$NODE_HOME/bin:$PATH"
  fi
  # node-gyp (better-sqlite3) must compile against the headers of the Node that runs it;
  # the npm package ships them, so nothing is downloaded.
  if [ -f "$NODE_HOME/include/node/node.h" ]; then
    export npm_config_nodedir="$NODE_HOME"
  fi
}

ensure_yarn() {
  local yarn_js="$TOOLCHAIN_DIR/yarn/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
  local installed=""
  [ -f "$yarn_js" ] && installed="$(node -p 'require(process.argv[1]).version' "$TOOLCHAIN_DIR/yarn/node_modules/@yarnpkg/cli-dist/package.json" 2>/dev/null)"
  if [ "$installed" != "$YARN_VERSION" ]; then
    log "installing Yarn $YARN_VERSION into $TOOLCHAIN_DIR/yarn"
    mkdir -p "$TOOLCHAIN_DIR/yarn"
    npm install --prefix "$TOOLCHAIN_DIR/yarn" --no-save --no-package-lock --no-audit --no-fund \
      "@yarnpkg/cli-dist@$YARN_VERSION" >&2 || return 1
  fi
  mkdir -p "$TOOLCHAIN_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_js" >"$TOOLCHAIN_DIR/bin/yarn"
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
  # Yarn uses the same registry as the machine's npm.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    YARN_NPM_REGISTRY_SERVER="$(npm config get registry)"
    export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER%/}"
  fi
  export YARN_ENABLE_TELEMETRY=0
  export SCARF_ANALYTICS=false
  export YARN_ENABLE_PROGRESS_BARS=0
}

# Installs the workspace unless node_modules is already up to date with
# yarn.lock and every package.json.
ensure_dependencies() {
  local state="$REPO_ROOT/node_modules/.yarn-state.yml"
  local stale=1
  if [ -f "$state" ]; then
    stale=0
    for f in "$REPO_ROOT/yarn.lock" "$REPO_ROOT/package.json" "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json; do
      if [ -f "$f" ] && [ "$f" -nt "$state" ]; then stale=1; fi
    done
  fi
  if [ "$stale" = 1 ]; then
    log "installing dependencies (yarn install)"
    local flags=()
    [ -n "${CI:-}" ] && flags+=(--immutable)
    # Native addons (better-sqlite3) are compiled here: prebuild-install would
    # first try to download a prebuilt binary from the addon's release page.
    (cd "$REPO_ROOT" && npm_config_build_from_source=true yarn install "${flags[@]}") || return 1
    touch "$state"
  fi
}

ensure_toolchain() {
  ensure_node && ensure_yarn && ensure_dependencies
}
