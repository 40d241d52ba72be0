#!/usr/bin/env bash
# The whole local stack: tools, PostgreSQL, NATS, Temporal.
#
#   infra/stack.sh up       # tools install, then postgres, nats, temporal start
#   infra/stack.sh down     # stop our own temporal, nats, postgres (reverse order);
#                           # reused (shared) servers are never stopped
#   infra/stack.sh status   # one line per service
set -euo pipefail

LOG_TAG=stack
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_step() {
  local script="$1"
  shift
  if ! bash "$OCOP_INFRA_DIR/$script" "$@"; then
    die "infra/$script $* failed (see the messages above; logs in $OCOP_LOG_DIR)"
  fi
}

cmd_up() {
  log "bringing the stack up (OCOP_HOME=$OCOP_HOME)"
  run_step tools.sh install
  run_step postgres.sh start
  run_step nats.sh start
  run_step temporal.sh start
  log "stack is up"
  cmd_status || true
}

cmd_down() {
  log "stopping own services (shared servers are left alone)"
  local failed=0 script
  for script in temporal.sh nats.sh postgres.sh; do
    bash "$OCOP_INFRA_DIR/$script" stop || failed=1
  done
  ((failed == 0)) || die "some services did not stop cleanly"
  log "stack is down"
}

cmd_status() {
  local rc=0 script
  for script in postgres.sh nats.sh temporal.sh; do
    bash "$OCOP_INFRA_DIR/$script" status || rc=3
  done
  return "$rc"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *)
    printf 'usage: %s up|down|status\n' "$0" >&2
    exit 2
    ;;
esac
