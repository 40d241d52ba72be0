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

# Install when node_modules is missing or the lock file changed. `npm install` (which follows the lock file)
# rather than `npm ci`: registry mirrors that lack other platforms' optional binaries (e.g. @swc/core-darwin-*)
# leave them out of the lock file, and `npm ci` then refuses the lock as out of sync.
stamp="$OCOP_HOME/npm-ci.stamp"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  log "installing npm packages …"
  npm install --no-audit --no-fund --loglevel=error
  printf '%s' "$lock_hash" >"$stamp"
else
  log "npm packages up to date"
fi

bash "$OCOP_INFRA_DIR/tools.sh" install

log "building TypeScript (tsc -b) …"
start=$SECONDS
npx --no-install tsc -b
log "build done in $((SECONDS - start))s"
