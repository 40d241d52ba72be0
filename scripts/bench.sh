#!/usr/bin/env bash
# npm run bench: the platform's benchmarks in one run, on this machine (docs/benchmarks.md says what each
# one measures and keeps the results):
#   1. cold start   npm stop, then `npm start` timed until the four APIs answer /health
#   2. pgbench      single-row INSERT + COMMIT in a throw-away database on the same PostgreSQL (the ceiling),
#                   once the platform is idle
#   3. API load     POST /api/v1/products with autocannon (bench/src/api-bench.ts), then outbox drain and
#                   one Temporal workflow per product
#   4. machine      CPUs, memory, Node/PostgreSQL versions, date, load average before each phase
# Writes bench/results/<UTC timestamp>.json (git-ignored), appends a section to docs/benchmarks.md and leaves
# the platform as it found it (up if it was up, else stopped). Shared PostgreSQL/NATS are never stopped;
# in PostgreSQL only the database ocop_bench_pgbench is created and dropped.
#
# Settings (environment): BENCH_CONNECTIONS=64 BENCH_DURATION=20 BENCH_WARMUP=10 BENCH_DRAIN_TIMEOUT=120
#   BENCH_PIPELINE_TIMEOUT=900 PGBENCH_CLIENTS=64 PGBENCH_JOBS=2 PGBENCH_DURATION=$BENCH_DURATION
#   PGBENCH_POOL_CLIENTS=$DATABASE_POOL_SIZE|10 (a second pgbench at the API's pool size; 0 skips it)
#   PGBENCH=/path/to/pgbench  BENCH_WRITE_DOC=0 (results JSON only, docs/benchmarks.md untouched)
set -euo pipefail
LOG_TAG=bench
# shellcheck source=../infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"
cd "$OCOP_REPO_ROOT"

export BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-64}"
export BENCH_DURATION="${BENCH_DURATION:-20}"
export BENCH_WARMUP="${BENCH_WARMUP:-10}"
export BENCH_DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-120}"
export BENCH_PIPELINE_TIMEOUT="${BENCH_PIPELINE_TIMEOUT:-900}"
PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-64}"
PGBENCH_JOBS="${PGBENCH_JOBS:-2}"
PGBENCH_DURATION="${PGBENCH_DURATION:-$BENCH_DURATION}"
PGBENCH_POOL_CLIENTS="${PGBENCH_POOL_CLIENTS:-${DATABASE_POOL_SIZE:-10}}"
BENCH_WRITE_DOC="${BENCH_WRITE_DOC:-1}"
BENCH_DB=ocop_bench_pgbench
HEALTH_WAIT="${HEALTH_WAIT:-300}"

SERVICES=(registration evaluation promotion reporting)
declare -A DEFAULT_PORTS=([registration]=3001 [evaluation]=3002 [promotion]=3003 [reporting]=3004)
port_of() {
  local var="${1^^}_HTTP_PORT"
  printf '%s' "${!var:-${DEFAULT_PORTS[$1]}}"
}

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$OCOP_HOME/bench/$STAMP" # raw logs of this run (git-ignored with .local)
RESULT_JSON="bench/results/$STAMP.json"
ensure_home
mkdir -p "$WORK" bench/results

# ------------------------------------------------------------------ helpers
# now_ms - sets REPLY to the wall clock in milliseconds (no fork).
now_ms() {
  local t="${EPOCHREALTIME:-}"
  if [[ -n "$t" ]]; then
    t="${t/[.,]/}"
    REPLY=$((10#$t / 1000))
  else
    REPLY="$(date +%s%3N)"
  fi
}

fact() { printf '%s=%s\n' "$1" "$2" >>"$WORK/facts.txt"; }

step() { printf '\n[%s] ==== %s ====\n' "$LOG_TAG" "$*"; }

health_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/health"
  else
    node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$1/health"
  fi
}

services_running() { bash scripts/platform.sh status 2>/dev/null | grep -Eq -- '-main: +running'; }

# not_running - the platform processes (API or worker) that are not running, comma-separated.
not_running() {
  bash scripts/platform.sh status 2>/dev/null | awk '/-(main|worker): +stopped/ { sub(":", "", $1); print $1 }' | paste -sd, -
}

# check_processes WHEN - record and warn about platform processes that are not running.
check_processes() {
  local missing
  missing="$(not_running)"
  fact "processes_not_running_$1" "$missing"
  [[ -z "$missing" ]] || warn "not running $1: $missing (see their logs in $OCOP_LOG_DIR)"
}

# stamp_lines FILE - copy stdin to the terminal (indented) and to FILE with a millisecond time stamp.
stamp_lines() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    now_ms
    printf '%s %s\n' "$REPLY" "$line" >>"$1"
    printf '  | %s\n' "$line"
  done
}

# poll_health FILE - record "<service> <ms>" the first time each API answers /health.
poll_health() {
  local out="$1" deadline=$((SECONDS + HEALTH_WAIT)) service
  local -A seen=()
  while ((SECONDS < deadline)); do
    for service in "${SERVICES[@]}"; do
      [[ -z "${seen[$service]:-}" ]] || continue
      if health_ok "$(port_of "$service")"; then
        now_ms
        printf '%s %s\n' "$service" "$REPLY" >>"$out"
        seen[$service]=1
      fi
    done
    ((${#seen[@]} < ${#SERVICES[@]})) || return 0
    sleep 0.1
  done
  return 1
}

find_pgbench() {
  local dir candidate
  if [[ -n "${PGBENCH:-}" ]]; then
    [[ -x "$PGBENCH" ]] && printf '%s' "$PGBENCH" && return 0
    return 1
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [[ -n "$dir" && -x "$dir/pgbench" ]] && printf '%s' "$dir/pgbench" && return 0
  fi
  # shellcheck disable=SC2012
  for candidate in $(ls -d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -t/ -k5,5 -V -r); do
    [[ -x "$candidate" ]] && printf '%s' "$candidate" && return 0
  done
  command -v pgbench
}

parse_url "$DATABASE_URL" 5432
PG_ENV=(env "PGHOST=$URL_HOST" "PGPORT=$URL_PORT" "PGUSER=${URL_USER:-postgres}" "PGAPPNAME=ocop-bench")
[[ -z "$URL_PASSWORD" ]] || PG_ENV+=("PGPASSWORD=$URL_PASSWORD")
PG_SHOWN="$(mask_url "$DATABASE_URL")"
psql_() { "${PG_ENV[@]}" "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# ------------------------------------------------------------------ cleanup
WAS_RUNNING=0
PLATFORM_TOUCHED=0
BENCH_DB_CREATED=0
POLLER_PID=""
FINISHED=0
cleanup() {
  local rc=$?
  if [[ -n "$POLLER_PID" ]] && kill -0 "$POLLER_PID" 2>/dev/null; then kill "$POLLER_PID" 2>/dev/null || true; fi
  if ((BENCH_DB_CREATED)); then
    psql_ -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if ((!FINISHED && PLATFORM_TOUCHED && !WAS_RUNNING)); then
    log "stopping the platform again (it was not running before the bench)"
    bash scripts/platform.sh down || true
  fi
  if ((!FINISHED)); then
    printf '[%s] ERROR: the bench stopped early (exit %s); raw logs in %s\n' "$LOG_TAG" "$rc" "$WORK" >&2
  fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ 0. machine facts, tools
step "machine"
fact run_id "$STAMP"
fact started_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
fact git_commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
fact git_dirty "$(git status --porcelain 2>/dev/null | grep -vc '^??' || true)"
fact nproc "$(nproc)"
fact loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
fact database "$PG_SHOWN"
fact settings "BENCH_CONNECTIONS=$BENCH_CONNECTIONS BENCH_DURATION=$BENCH_DURATION BENCH_WARMUP=$BENCH_WARMUP BENCH_PIPELINE_TIMEOUT=$BENCH_PIPELINE_TIMEOUT PGBENCH_CLIENTS=$PGBENCH_CLIENTS PGBENCH_JOBS=$PGBENCH_JOBS PGBENCH_DURATION=$PGBENCH_DURATION PGBENCH_POOL_CLIENTS=$PGBENCH_POOL_CLIENTS"
log "$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "raw logs: $WORK"

if ! PGBENCH_BIN="$(find_pgbench)"; then
  die "pgbench not found (looked at \$PGBENCH, \$(pg_config --bindir), /usr/lib/postgresql/*/bin, PATH).
  On Debian/Ubuntu it ships with the server package: apt-get install postgresql (or postgresql-<major>);
  then re-run, or point PGBENCH=/path/to/pgbench at it."
fi
PSQL="$(dirname "$PGBENCH_BIN")/psql"
[[ -x "$PSQL" ]] || PSQL="$(command -v psql)" || die "psql not found (apt-get install postgresql-client)"
fact pgbench_version "$("$PGBENCH_BIN" --version)"
log "pgbench: $PGBENCH_BIN ($("$PGBENCH_BIN" --version))"

# ------------------------------------------------------------------ 1. cold start
step "1/3 cold start: npm stop, then npm start until all four APIs answer /health"
if services_running; then WAS_RUNNING=1; fi
fact was_running "$WAS_RUNNING"
log "platform services running before the bench: $([[ $WAS_RUNNING == 1 ]] && echo yes || echo no)"

log "bootstrap first (npm ci if needed, infra tools, tsc -b), so the timed start does not compile"
now_ms
t=$REPLY
bash scripts/bootstrap.sh
now_ms
fact bootstrap_pre_ms "$((REPLY - t))"
log "building the bench driver (tsc -p bench/tsconfig.json)"
npx --no-install tsc -p bench/tsconfig.json

PLATFORM_TOUCHED=1
log "npm stop"
npm stop --silent
for service in "${SERVICES[@]}"; do
  if health_ok "$(port_of "$service")"; then
    die "something still answers on :$(port_of "$service")/health after npm stop; a cold start cannot be timed"
  fi
done
bash infra/stack.sh status >"$WORK/infra-before.txt" 2>&1 || true
sed 's/^/  infra before start: /' "$WORK/infra-before.txt"
fact loadavg_cold_start "$(cut -d' ' -f1-3 /proc/loadavg)"

: >"$WORK/healthy.txt"
poll_health "$WORK/healthy.txt" &
POLLER_PID=$!
now_ms
fact start_cmd_begin_ms "$REPLY"
log "npm start (timed)"
set +e
npm start 2>&1 | stamp_lines "$WORK/start.log"
start_rc=${PIPESTATUS[0]}
set -e
now_ms
fact start_cmd_end_ms "$REPLY"
fact start_rc "$start_rc"
for _ in $(seq 1 50); do
  kill -0 "$POLLER_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$POLLER_PID" 2>/dev/null; then kill "$POLLER_PID" 2>/dev/null || true; fi
wait "$POLLER_PID" 2>/dev/null || true
POLLER_PID=""
((start_rc == 0)) || die "npm start failed (exit $start_rc); see $WORK/start.log and $OCOP_LOG_DIR"
while read -r service ms; do fact "healthy_${service}_ms" "$ms"; done <"$WORK/healthy.txt"
[[ $(wc -l <"$WORK/healthy.txt") -eq ${#SERVICES[@]} ]] || die "not every API answered /health after npm start"
bash infra/stack.sh status >"$WORK/infra-after.txt" 2>&1 || true
sed 's/^/  infra after start: /' "$WORK/infra-after.txt"
check_processes after_start
fact postgres_version "$(psql_ -d postgres -Atc 'SHOW server_version')"

# ------------------------------------------------------------------ 2. pgbench
step "2/3 pgbench: single-row INSERT + COMMIT, database $BENCH_DB on $PG_SHOWN"
log "first, let the platform finish earlier work (demo seed, a backlog of an earlier run)"
node bench/dist/api-bench.js --settle "$WORK/settle.json" || warn "could not check that the platform is idle"
fact loadavg_pgbench "$(cut -d' ' -f1-3 /proc/loadavg)"
free_conns="$(psql_ -d postgres -Atc "SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")"
fact pg_free_connections "$free_conns"
log "$free_conns connections free on the server"
psql_ -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
BENCH_DB_CREATED=1
psql_ -d "$BENCH_DB" -f bench/pgbench/schema.sql

run_pgbench() {
  local clients="$1" name="pgbench-$1" rc
  if ((clients + 2 > free_conns)); then
    warn "$clients clients would not fit in the $free_conns free connections; skipped"
    fact "${name}_rc" skipped
    return 0
  fi
  psql_ -d "$BENCH_DB" -c 'TRUNCATE bench_t'
  log "pgbench -n -c $clients -j $PGBENCH_JOBS -T $PGBENCH_DURATION -P 5 -f bench/pgbench/insert.sql $BENCH_DB"
  set +e
  "${PG_ENV[@]}" "$PGBENCH_BIN" -n -c "$clients" -j "$PGBENCH_JOBS" -T "$PGBENCH_DURATION" -P 5 \
    -f bench/pgbench/insert.sql "$BENCH_DB" 2>&1 | tee "$WORK/$name.log" | sed 's/^/  | /'
  rc=${PIPESTATUS[0]}
  set -e
  fact "${name}_rc" "$rc"
  fact "${name}_row_bytes" "$(psql_ -d "$BENCH_DB" -Atc 'SELECT coalesce(avg(pg_column_size(t.*))::int, 0) FROM bench_t t')"
  ((rc == 0)) || warn "pgbench with $clients clients failed (exit $rc)"
}
run_pgbench "$PGBENCH_CLIENTS"
if ((PGBENCH_POOL_CLIENTS > 0 && PGBENCH_POOL_CLIENTS != PGBENCH_CLIENTS)); then
  log "again at the API's connection pool size ($PGBENCH_POOL_CLIENTS clients), for comparison"
  run_pgbench "$PGBENCH_POOL_CLIENTS"
fi
psql_ -d postgres -c "DROP DATABASE $BENCH_DB"
BENCH_DB_CREATED=0

# ------------------------------------------------------------------ 3. API load
step "3/3 registration API: POST /api/v1/products, $BENCH_CONNECTIONS connections, ${BENCH_WARMUP}s warm-up + ${BENCH_DURATION}s"
fact loadavg_api "$(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_TOKEN="$(node libs/nest-common/dist/auth/mint-token.cli.js --role province_officer --unit 24 --sub bench --ttl 2h)"
set +e
BENCH_TOKEN="$BENCH_TOKEN" BENCH_RUN_ID="$STAMP" BENCH_API_URL="http://127.0.0.1:$(port_of registration)" \
  node bench/dist/api-bench.js "$WORK/api.json"
api_rc=$?
set -e
fact api_rc "$api_rc"
check_processes after_load
((api_rc == 0)) || warn "the API benchmark failed (exit $api_rc)"

# ------------------------------------------------------------------ restore, report
if ((WAS_RUNNING)); then
  log "leaving the platform up (it was running before the bench)"
else
  step "npm stop (the platform was not running before the bench)"
  npm stop --silent
fi
fact finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"

step "summary"
report_args=("$WORK" "$RESULT_JSON")
[[ "$BENCH_WRITE_DOC" == 0 ]] || report_args+=(docs/benchmarks.md)
node bench/dist/report.js "${report_args[@]}"
FINISHED=1
