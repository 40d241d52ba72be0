#!/usr/bin/env bash
# The test suite:  all (default) | unit | integration | e2e
#   unit         no network; the Temporal time-skipping server runs as a local binary
#   integration  real PostgreSQL, NATS (own instances where a test stops them) and Temporal
#   e2e          the built services as processes, driven over HTTP
# PostgreSQL/NATS/Temporal are reused when they answer at DATABASE_URL/NATS_URL/TEMPORAL_ADDRESS,
# otherwise started (infra/stack.sh). Each suite works in its own database and Temporal namespace.
set -euo pipefail
LOG_TAG=test
# shellcheck source=../infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"
cd "$OCOP_REPO_ROOT"

mode=${1:-all}
case "$mode" in
  all) projects=(unit integration e2e) ;;
  unit) projects=(unit) ;;
  integration) projects=(integration) ;;
  e2e) projects=(e2e) ;;
  *)
    echo "usage: $0 all|unit|integration|e2e" >&2
    exit 2
    ;;
esac
shift || true

bash scripts/bootstrap.sh
if [[ "$mode" != unit ]]; then
  # What this run starts, it stops when it ends; what was already running (ours or shared) stays up.
  started_here=()
  for service in temporal nats postgres; do
    if ! bash "$OCOP_INFRA_DIR/$service.sh" status >/dev/null 2>&1; then started_here+=("$service"); fi
  done
  stop_started_here() {
    local service
    for service in "${started_here[@]}"; do
      if bash "$OCOP_INFRA_DIR/$service.sh" status 2>/dev/null | grep -q ': own '; then
        bash "$OCOP_INFRA_DIR/$service.sh" stop || true
      fi
    done
  }
  trap stop_started_here EXIT
  bash "$OCOP_INFRA_DIR/stack.sh" up
fi

if [[ "$mode" == all ]]; then
  log "lint (ESLint with module boundaries) and type-check of the tests …"
  npx --no-install eslint libs services tools test bench
  npx --no-install tsc -p tsconfig.spec.json --noEmit
  log "dependency audit (advisories, lockfile, installed tree) …"
  bash tools/dependency-audit/audit.sh
fi

export TZ=UTC
results="$OCOP_HOME/test-results.json"
args=(--selectProjects "${projects[@]}" --json --outputFile "$results")
[[ -n "${CI:-}" ]] && args+=(--ci)
log "running jest: ${projects[*]}"
status=0
npx --no-install jest "${args[@]}" "$@" || status=$?

# One plain closing line, whatever the runner printed above.
if [[ -s "$results" ]]; then
  node -e 'const r=require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`); if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }' "$results" || status=1
fi
exit "$status"
