#!/usr/bin/env bash
# Temporal for local development.
#
#   infra/temporal.sh start     # reuse the server at TEMPORAL_ADDRESS if it
#                               # answers, else run `temporal server start-dev`
#                               # with a persistent SQLite file; then register
#                               # the search attributes
#   infra/temporal.sh stop      # stop our own dev server (never a reused one)
#   infra/temporal.sh status    # temporal: reused|own|down <address> ...
#   infra/temporal.sh register-search-attributes
set -euo pipefail

LOG_TAG=temporal
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_hostport "$TEMPORAL_ADDRESS" 7233
T_HOST="$HP_HOST"
T_PORT="$HP_PORT"
T_ADDR="$T_HOST:$T_PORT"
T_NS="$TEMPORAL_NAMESPACE"
T_DIR="$OCOP_HOME/temporal"
T_DB="$T_DIR/dev.db"
T_LOG="$OCOP_LOG_DIR/temporal.log"
T_START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-120}"
SEARCH_ATTRIBUTES_FILE="$OCOP_INFRA_DIR/temporal/search-attributes.txt"
VALID_TYPES=" Text Keyword Int Double Bool Datetime KeywordList "
TEMPORAL_BIN=""

own_pid() {
  pid_running temporal "$T_DB"
}

need_cli() {
  [[ -z "$TEMPORAL_BIN" ]] || return 0
  if ! TEMPORAL_BIN="$(find_tool temporal)"; then
    log "temporal CLI not installed yet; running infra/tools.sh install"
    bash "$OCOP_INFRA_DIR/tools.sh" install
    TEMPORAL_BIN="$(find_tool temporal)" || die "temporal still not found after infra/tools.sh install"
  fi
}

# tctl ARGS... - the temporal CLI against our address (no env/profile
# surprises: address and namespace are always explicit).
tctl() {
  "$TEMPORAL_BIN" "$@" --address "$T_ADDR" --command-timeout 10s --color never
}

# read_search_attributes - prints "Name Type" lines from the file.
read_search_attributes() {
  local name type extra
  [[ -f "$SEARCH_ATTRIBUTES_FILE" ]] || return 0
  while read -r name type extra || [[ -n "$name" ]]; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ -z "$extra" || "$extra" == \#* ]] || die "bad line in $SEARCH_ATTRIBUTES_FILE: '$name $type $extra'"
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "bad search attribute name '$name' in $SEARCH_ATTRIBUTES_FILE"
    [[ "$VALID_TYPES" == *" $type "* ]] || die "bad type '$type' for $name in $SEARCH_ATTRIBUTES_FILE (one of:$VALID_TYPES)"
    printf '%s %s\n' "$name" "$type"
  done <"$SEARCH_ATTRIBUTES_FILE"
}

namespace_ready() {
  tctl operator namespace describe --namespace "$T_NS" >/dev/null 2>&1
}

# wait_for_namespace [PID] - wait until the namespace can be described.
wait_for_namespace() {
  local pid="${1:-}" start=$SECONDS
  printf '[%s] waiting for namespace %s on %s' "$LOG_TAG" "$T_NS" "$T_ADDR"
  until namespace_ready; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      printf ' process exited\n'
      die "temporal server (pid $pid) exited before namespace $T_NS was ready" "$T_LOG"
    fi
    if ((SECONDS - start >= T_START_TIMEOUT)); then
      printf ' timeout\n'
      die "namespace $T_NS on $T_ADDR not ready within ${T_START_TIMEOUT}s" "$T_LOG"
    fi
    printf '.'
    sleep 1
  done
  printf ' ready (%ss)\n' "$((SECONDS - start))"
}

start_own() {
  need_cli
  mkdir -p "$T_DIR"
  local -a args=(server start-dev --ip "$T_HOST" --port "$T_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$T_DB" --log-level warn)
  # "default" always exists; naming it again is harmless but noisy.
  [[ "$T_NS" == "default" ]] || args+=(--namespace "$T_NS")
  local name type
  while read -r name type; do
    args+=(--search-attribute "$name=$type")
  done < <(read_search_attributes)
  if [[ -f "$T_DB" ]]; then
    log "starting own dev server on $T_ADDR (UI :$TEMPORAL_UI_PORT, existing state $T_DB) …"
  else
    log "starting own dev server on $T_ADDR (UI :$TEMPORAL_UI_PORT, new state file $T_DB) …"
  fi
  printf '\n==== %s starting %s %s\n' "$(date '+%F %T')" "$TEMPORAL_BIN" "${args[*]}" >>"$T_LOG"
  local pid
  pid="$(spawn_daemon temporal "$T_LOG" "$TEMPORAL_BIN" "${args[@]}")"
  wait_for_port "$T_HOST" "$T_PORT" "$T_START_TIMEOUT" "waiting for frontend $T_ADDR" "$pid" "$T_LOG"
  wait_for_namespace "$pid"
  log "dev server running (pid $pid, UI http://$T_HOST:$TEMPORAL_UI_PORT, log $T_LOG)"
}

cmd_register_search_attributes() {
  need_cli
  local out existing name type
  namespace_ready || die "namespace $T_NS is not available on $T_ADDR"
  # A namespace created moments ago can be described before the server's
  # namespace cache knows it ("Namespace ... is not found"): retry a while.
  local start=$SECONDS waiting=0
  until out="$(tctl operator search-attribute list --namespace "$T_NS" --output json 2>&1)"; do
    if [[ "$out" != *"not found"* ]] || ((SECONDS - start >= T_START_TIMEOUT)); then
      ((waiting == 0)) || printf ' failed\n'
      die "cannot list search attributes of $T_NS on $T_ADDR: $out"
    fi
    if ((waiting == 0)); then
      printf '[%s] waiting for namespace %s to reach the server cache' "$LOG_TAG" "$T_NS"
      waiting=1
    fi
    printf '.'
    sleep 1
  done
  ((waiting == 0)) || printf ' ok (%ss)\n' "$((SECONDS - start))"
  local python
  python="$(find_tool python3)" || die "python3 not found (needed to read the search attribute list)"
  existing="$(printf '%s' "$out" | "$python" -c '
import json, sys
data = json.load(sys.stdin)
for group in ("customAttributes", "systemAttributes", "storageSchema"):
    for key in (data.get(group) or {}):
        print(key)
')" || die "cannot parse the search attribute list: $out"
  local added=0 present=0
  while read -r name type; do
    if grep -qxF "$name" <<<"$existing"; then
      present=$((present + 1))
      continue
    fi
    if out="$(tctl operator search-attribute create --namespace "$T_NS" --name "$name" --type "$type" 2>&1)"; then
      log "registered search attribute $name ($type)"
      added=$((added + 1))
    elif [[ "$out" == *"already exists"* ]]; then
      warn "search attribute $name: $out"
      present=$((present + 1))
    else
      die "cannot create search attribute $name ($type) in $T_NS: $out"
    fi
  done < <(read_search_attributes)
  log "search attributes in namespace $T_NS: $added added, $present already present"
}

ensure_namespace_reused() {
  if namespace_ready; then
    return 0
  fi
  log "namespace $T_NS does not exist on $T_ADDR; creating it"
  local out
  out="$(tctl operator namespace create --namespace "$T_NS" 2>&1)" ||
    [[ "$out" == *"already"* ]] ||
    die "cannot create namespace $T_NS on $T_ADDR: $out"
  wait_for_namespace
}

cmd_start() {
  ensure_home
  need_cli
  local pid
  if pid="$(own_pid)"; then
    log "own dev server already running on $T_ADDR (pid $pid)"
    wait_for_port "$T_HOST" "$T_PORT" "$T_START_TIMEOUT" "waiting for frontend $T_ADDR" "$pid" "$T_LOG"
    wait_for_namespace "$pid"
  elif port_open "$T_HOST" "$T_PORT"; then
    log "reusing the server that answers on $T_ADDR (it will not be stopped by us)"
    ensure_namespace_reused
  else
    start_own
  fi
  cmd_register_search_attributes
}

cmd_stop() {
  local pid
  if pid="$(own_pid)"; then
    log "stopping own dev server on $T_ADDR (pid $pid) …"
    pid_stop temporal "$T_DB" 30 || true
    log "stopped (state kept in $T_DB)"
  elif port_open "$T_HOST" "$T_PORT"; then
    log "server on $T_ADDR is not ours (reused); leaving it running"
  else
    log "not running"
  fi
}

cmd_status() {
  if own_pid >/dev/null; then
    printf 'temporal: own %s namespace=%s ui=http://%s:%s\n' "$T_ADDR" "$T_NS" "$T_HOST" "$TEMPORAL_UI_PORT"
  elif port_open "$T_HOST" "$T_PORT"; then
    printf 'temporal: reused %s namespace=%s ui=%s\n' "$T_ADDR" "$T_NS" "${TEMPORAL_UI_URL:-http://$T_HOST:8233}"
  else
    printf 'temporal: down %s\n' "$T_ADDR"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  register-search-attributes)
    need_cli
    cmd_register_search_attributes
    ;;
  *)
    printf 'usage: %s start|stop|status|register-search-attributes\n' "$0" >&2
    exit 2
    ;;
esac
