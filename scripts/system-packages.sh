#!/usr/bin/env bash
# Sourced: installs the Debian packages the test suite uses, when missing.
# Each entry is "<command that must exist>:<Debian package>".
SYSTEM_PACKAGES=(
  "chromium:chromium"
  "mkdocs:mkdocs"
  "redis-server:redis-server"
  "yamllint:yamllint"
  "promtool:prometheus"
  "shellcheck:shellcheck"
)

# Tools the tests need that are not installed here from Debian or npm:
# they must be on the machine already.
REQUIRED_TOOLS=(
  "kubectl:kubectl 1.32 or later (its built-in kustomize builds the overlays)"
  "terraform:terraform (the tests only run terraform fmt)"
  "git:git"
)

ensure_system_packages() {
  local missing=() entry absent=()
  for entry in "${REQUIRED_TOOLS[@]}"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || absent+=("${entry#*:}")
  done
  if [ "${#absent[@]}" -gt 0 ]; then
    printf '[system] install first: %s\n' "${absent[@]}" >&2
    return 1
  fi
  for entry in "${SYSTEM_PACKAGES[@]}"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    printf '[system] missing Debian packages: %s (install them as root)\n' "${missing[*]}" >&2
    return 1
  fi
  local apt=(apt-get -o DPkg::Lock::Timeout=600)
  [ "$(id -u)" -ne 0 ] && apt=(sudo "${apt[@]}")
  printf '[system] installing Debian packages: %s\n' "${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2
}
