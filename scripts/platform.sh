#!/usr/bin/env bash
# The whole platform on one machine, without Docker:
#   up      install, build, start or reuse PostgreSQL/NATS/Temporal, migrate, start the four services and
#           their workers, load the demo data, and print where everything is
#   down    stop the services and workers, then the infrastructure this project started
#   status  one line per process and per infrastructure server
set -euo pipefail
LOG_TAG=platform
# shellcheck source=../infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"
cd "$OCOP_REPO_ROOT"

SERVICES=(registration evaluation promotion reporting)
declare -A DEFAULT_PORTS=([registration]=3001 [evaluation]=3002 [promotion]=3003 [reporting]=3004)
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-180}

port_of() {
  local var="${1^^}_HTTP_PORT"
  printf '%s' "${!var:-${DEFAULT_PORTS[$1]}}"
}

# A local signing secret for tokens, made once and kept out of git.
ensure_jwt_secret() {
  if [[ -n "${JWT_SECRET:-}" || -n "${JWT_SECRET_FILE:-}" || -n "${JWT_JWKS_URL:-}" ]]; then return; fi
  local file="$OCOP_HOME/jwt-secret"
  if [[ ! -s "$file" ]]; then
    node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))' >"$file"
    chmod 600 "$file"
    log "generated a local JWT secret in $file"
  fi
  export JWT_SECRET_FILE="$file"
}

start_process() {
  local service="$1" kind="$2" name="$1-$2" pid
  if pid=$(pid_running "$name" "services/$service/dist/$kind.js"); then
    log "$name already running (pid $pid)"
    return
  fi
  pid=$(HTTP_PORT="$(port_of "$service")" spawn_daemon "$name" "$OCOP_LOG_DIR/$name.log" \
    node --enable-source-maps "services/$service/dist/$kind.js")
  log "started $name (pid $pid, log $OCOP_LOG_DIR/$name.log)"
}

wait_healthy() {
  local service="$1" port start pid
  port=$(port_of "$service")
  start=$SECONDS
  printf '[%s] waiting for %s to be healthy on :%s ' "$LOG_TAG" "$service" "$port"
  until node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
    "http://127.0.0.1:$port/health" 2>/dev/null; do
    pid=$(pid_read "$service-main")
    if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
      printf ' exited\n'
      die "$service API stopped during start-up" "$OCOP_LOG_DIR/$service-main.log"
    fi
    if ((SECONDS - start >= HEALTH_TIMEOUT)); then
      printf ' timeout\n'
      die "$service not healthy after ${HEALTH_TIMEOUT}s" "$OCOP_LOG_DIR/$service-main.log"
    fi
    printf '.'
    sleep 1
  done
  printf ' healthy (%ss)\n' "$((SECONDS - start))"
}

up() {
  local started=$SECONDS service
  bash scripts/bootstrap.sh
  bash "$OCOP_INFRA_DIR/stack.sh" up
  ensure_jwt_secret
  for service in "${SERVICES[@]}"; do
    node "services/$service/dist/migrate.js"
  done
  for service in "${SERVICES[@]}"; do
    start_process "$service" worker
    start_process "$service" main
  done
  for service in "${SERVICES[@]}"; do
    wait_healthy "$service"
  done
  node tools/demo/dist/seed-demo.js
  summary "$((SECONDS - started))"
}

summary() {
  local service port ui
  ui="${TEMPORAL_UI_URL:-http://${TEMPORAL_ADDRESS%%:*}:$TEMPORAL_UI_PORT}"
  echo
  echo "OCOP platform is up (${1}s)."
  printf '  %-13s %-32s %s\n' service API "OpenAPI docs"
  for service in "${SERVICES[@]}"; do
    port=$(port_of "$service")
    printf '  %-13s %-32s %s\n' "$service" "http://127.0.0.1:$port/api/v1" "http://127.0.0.1:$port/docs"
  done
  echo "  Temporal UI   $ui/namespaces/$TEMPORAL_NAMESPACE/workflows"
  echo "  Logs          $OCOP_LOG_DIR"
  echo "  A token:      npm run --silent token -- --role province_officer --unit 24"
  echo "  Stop:         npm stop"
}

down() {
  local service kind
  for service in "${SERVICES[@]}"; do
    for kind in main worker; do
      if pid_stop "$service-$kind" "services/$service/dist/$kind.js" 30; then
        log "stopped $service-$kind"
      fi
    done
  done
  bash "$OCOP_INFRA_DIR/stack.sh" down
}

status() {
  local service kind pid
  for service in "${SERVICES[@]}"; do
    for kind in main worker; do
      if pid=$(pid_running "$service-$kind" "services/$service/dist/$kind.js"); then
        printf '%-22s running (pid %s)\n' "$service-$kind:" "$pid"
      else
        printf '%-22s stopped\n' "$service-$kind:"
      fi
    done
  done
  bash "$OCOP_INFRA_DIR/stack.sh" status || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
