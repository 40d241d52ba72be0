#!/usr/bin/env bash
# Installs what the platform needs and builds it: npm packages, the infra tools (PyPI), the TypeScript
# build. Idempotent and quick when nothing changed. Sourced by platform.sh and test.sh.
set -euo pipefail
LOG_TAG=bootstrap
# shellcheck source=../infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"
cd "$OCOP_REPO_ROOT"
ensure_home

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then
  die "Node.js 20 or newer is needed (found $(node --version 2>/dev/null || echo none))"
fi

# npm ci when node_modules is missing or older than the lock file.
stamp="$OCOP_HOME/npm-ci.stamp"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  log "installing npm packages (npm ci) …"
  npm ci --no-audit --no-fund --loglevel=error
  printf '%s' "$lock_hash" >"$stamp"
else
  log "npm packages up to date"
fi

bash "$OCOP_INFRA_DIR/tools.sh" install

log "building TypeScript (tsc -b) …"
start=$SECONDS
npx --no-install tsc -b
log "build done in $((SECONDS - start))s"
