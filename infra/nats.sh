#!/usr/bin/env bash
# NATS (with JetStream) for local development.
#
#   infra/nats.sh start    # reuse the server at NATS_URL if it answers, else run
#                          # our own nats-server with JetStream in $OCOP_HOME/nats
#   infra/nats.sh stop     # stop our own server (never a reused one)
#   infra/nats.sh status   # nats: reused|own|down <url>
set -euo pipefail

LOG_TAG=nats
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# NATS_URL may list several servers; the first one is the one we manage.
parse_url "${NATS_URL%%,*}" 4222
NATS_HOST="$URL_HOST"
NATS_PORT="$URL_PORT"
NATS_DIR="$OCOP_HOME/nats"
NATS_LOG="$OCOP_LOG_DIR/nats.log"
NATS_START_TIMEOUT="${NATS_START_TIMEOUT:-30}"

own_pid() {
  pid_running nats "$NATS_DIR"
}

# Warn (only) when a reused server has no JetStream; needs node + the nats
# package from node_modules, skipped otherwise.
check_jetstream() {
  local nats_mod="$OCOP_REPO_ROOT/node_modules/nats" out
  command -v node >/dev/null 2>&1 && [[ -d "$nats_mod" ]] || return 0
  # shellcheck disable=SC2016
  local js='
const { connect } = require(process.env.OCOP_NODE_NATS);
(async () => {
  const nc = await connect({ servers: process.env.OCOP_NATS_SERVER, timeout: 5000 });
  try { const jsm = await nc.jetstreamManager({ timeout: 5000 }); await jsm.getAccountInfo(); console.log("ok"); }
  catch (e) { console.log("no JetStream: " + e.message); }
  finally { await nc.close(); }
})().catch((e) => { console.log("cannot connect: " + e.message); });
'
  out="$(OCOP_NODE_NATS="$nats_mod" OCOP_NATS_SERVER="$NATS_HOST:$NATS_PORT" timeout 20 node -e "$js" 2>&1 || true)"
  if [[ "$out" == "ok" ]]; then
    log "JetStream is enabled on $NATS_HOST:$NATS_PORT"
  else
    warn "JetStream check on $NATS_HOST:$NATS_PORT: ${out:-no answer}"
  fi
}

cmd_start() {
  ensure_home
  local pid bin
  if pid="$(own_pid)"; then
    log "own nats-server already running on $NATS_HOST:$NATS_PORT (pid $pid)"
    wait_for_port "$NATS_HOST" "$NATS_PORT" "$NATS_START_TIMEOUT" "waiting for $NATS_HOST:$NATS_PORT" "$pid" "$NATS_LOG"
    return 0
  fi
  if port_open "$NATS_HOST" "$NATS_PORT"; then
    log "reusing the server that answers on $NATS_HOST:$NATS_PORT (it will not be stopped by us)"
    check_jetstream
    return 0
  fi
  if ! bin="$(find_tool nats-server)"; then
    log "nats-server not installed yet; running infra/tools.sh install"
    bash "$OCOP_INFRA_DIR/tools.sh" install
    bin="$(find_tool nats-server)" || die "nats-server still not found after infra/tools.sh install"
  fi
  mkdir -p "$NATS_DIR"
  log "starting own nats-server with JetStream on $NATS_HOST:$NATS_PORT (monitor :$NATS_MONITOR_PORT, store $NATS_DIR) …"
  printf '\n==== %s starting %s\n' "$(date '+%F %T')" "$bin" >>"$NATS_LOG"
  pid="$(spawn_daemon nats "$NATS_LOG" "$bin" -js -sd "$NATS_DIR" \
    -a "$NATS_HOST" -p "$NATS_PORT" -m "$NATS_MONITOR_PORT")"
  wait_for_port "$NATS_HOST" "$NATS_PORT" "$NATS_START_TIMEOUT" "waiting for $NATS_HOST:$NATS_PORT" "$pid" "$NATS_LOG"
  log "nats-server running (pid $pid, log $NATS_LOG)"
}

cmd_stop() {
  local pid
  if pid="$(own_pid)"; then
    log "stopping own nats-server on $NATS_HOST:$NATS_PORT (pid $pid) …"
    pid_stop nats "$NATS_DIR" 20 || true
    log "stopped"
  elif port_open "$NATS_HOST" "$NATS_PORT"; then
    log "server on $NATS_HOST:$NATS_PORT is not ours (reused); leaving it running"
  else
    log "not running"
  fi
}

cmd_status() {
  if own_pid >/dev/null; then
    printf 'nats: own %s (monitor http://%s:%s)\n' "$NATS_URL" "$NATS_HOST" "$NATS_MONITOR_PORT"
  elif port_open "$NATS_HOST" "$NATS_PORT"; then
    printf 'nats: reused %s\n' "$NATS_URL"
  else
    printf 'nats: down %s\n' "$NATS_URL"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    printf 'usage: %s start|stop|status\n' "$0" >&2
    exit 2
    ;;
esac
