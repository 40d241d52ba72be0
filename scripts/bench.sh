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
#
# Scenarios (the first argument; none = the platform benchmark above):
#   npm run bench -- registration-scale
#       Registration at scale (issue 3): a database of its own (ocop_bench_scale_<ts>, migrated), pgbench
#       in it, then a private nats-server and ONE registration API process (no platform, no Temporal, no
#       evaluation); 20,000 producers and 100,000 products POSTed with autocannon, outbox drain, then list
#       and search latency against p99 < 50 ms, with EXPLAIN (ANALYZE, BUFFERS) of the SQL behind each query
#       (bench/src/scale-bench.ts). Does not touch the platform or its ports. Settings: BENCH_PRODUCERS=20000
#       BENCH_PRODUCTS=100000 BENCH_CONNECTIONS=64 BENCH_QUERY_CONNECTIONS=8 BENCH_QUERY_DURATION=15
#       BENCH_QUERY_WARMUP=3 BENCH_QUERY_SERIAL_DURATION=5 BENCH_TARGET_P99_MS=50 BENCH_SEED=20250701
#       BENCH_KEEP=1 (keep the database) and the PGBENCH_* / BENCH_WRITE_DOC settings above.
#   npm run bench -- evaluation-scoring
#       A national round day (the evaluation issue): a database of its own (ocop_bench_eval_<ts>, registration
#       and evaluation migrated), a private nats-server, Temporal at $TEMPORAL_ADDRESS if it answers (else a
#       private dev server), one registration and one evaluation API process; 6 province councils of 9 scoring
#       members + a secretary, a round of 500 products each (products inserted into evaluation.product_intake,
#       entered through the API), then 27,000 scorecards submitted concurrently (throughput, p50/p95/p99,
#       errors, time until every product is scored), flagged products re-scored, and per round the move to
#       deliberation (ranking) and the decision, timed against 1 s, with the statements and EXPLAIN (ANALYZE,
#       BUFFERS) of both (bench/src/evaluation-bench.ts). No pgbench. Does not touch the platform or its
#       ports. Settings: BENCH_COUNCILS=6 BENCH_ROUND_PRODUCTS=500 BENCH_SCORING_MEMBERS=9
#       BENCH_SUBMIT_CONNECTIONS=<councils × members> BENCH_ENTER_CONNECTIONS=<councils>
#       BENCH_FLAGGED_SHARE=0.06 BENCH_MISSED_SHARE=0.03 BENCH_WARM_CACHE=1 BENCH_TARGET_MS=1000 BENCH_SEED=20250701
#       BENCH_DRAIN_TIMEOUT=300 BENCH_KEEP=1 and BENCH_WRITE_DOC above.
#   npm run bench -- workflows
#       The product workflow on the dev server (the workflows issue): Temporal at $TEMPORAL_ADDRESS (the
#       platform's dev server, SQLite; started with infra/temporal.sh if nothing answers, and stopped again),
#       a namespace of its own (bench-workflows-<ts>, its workflows terminated at the end unless BENCH_KEEP=1,
#       then removed by its 1-day retention), one worker process (the platform's ServiceWorker on queue
#       evaluation + a bench worker for an empty workflow):
#       2,000 empty workflows started (the raw rate), 20,000 productLifecycle workflows started and each sent
#       certificateIssued so it parks on its timers (start and signal rates, p50/p99, time until all are
#       parked), worker memory (peak, settled), and 1,000 notices that fall due at one instant (lag p50/p99,
#       total), with the CPU of the server, the worker and the driver (bench/src/workflow-bench.ts). Does not
#       touch the platform's processes or its namespace. Settings: BENCH_WORKFLOWS=20000
#       BENCH_RAW_WORKFLOWS=2000 BENCH_RAW_SERIAL=200 BENCH_START_CONCURRENCY=32 BENCH_DUE_WORKFLOWS=1000
#       BENCH_DUE_DELAY=150 BENCH_SETTLE=30 BENCH_PARK_TIMEOUT=3600 BENCH_SEED=20250701
#       BENCH_KEEP=1 (keep the namespace), BENCH_TEMPORAL=private (a dev server of the run's own, SQLite file
#       in the run's directory, removed at the end, instead of the one at $TEMPORAL_ADDRESS) and BENCH_WRITE_DOC.
#   npm run bench -- promotion-suspension
#       Certificates expiring together (the promotion issue): a database of its own (ocop_bench_promo_<ts>,
#       promotion migrated), a private nats-server and ONE promotion API process (its consumer of evaluation's
#       events; no registration, no Temporal); promotion's certificate read model, fairs, sales points,
#       enrolments, consignments and listings written straight into its tables (1,000 products whose
#       certificate ends today, 4,000 others), then one certificate.expired per ending certificate published at
#       once: time until none of their enrolments, consignments and listings is active (against 2 s), until every
#       event is handled, per-product latency, notices, the promotion process's CPU, EXPLAIN of the UPDATEs
#       (bench/src/promotion-bench.ts). Writes bench/results/<ts>-promotion-suspension.json only (no
#       docs/benchmarks.md section). Settings: BENCH_EXPIRING=1000 BENCH_BACKGROUND=4000 BENCH_EVENTS=10
#       BENCH_ENROLMENTS=2 BENCH_SALES_POINTS=20 BENCH_TARGET_MS=2000 BENCH_TIMEOUT=120 DATABASE_POOL_SIZE
#       BENCH_KEEP=1 (keep the database).
#   npm run bench -- reporting-national
#       A national monthly report (issue 7): a database of its own (ocop_bench_report_<ts>, reporting migrated),
#       a private nats-server and ONE reporting API process (its read-model consumer; no other service, no
#       Temporal: nothing listens at TEMPORAL_ADDRESS, schedules off; the driver answers the units' ancestors
#       that reporting asks registration over NATS). The history of 20,000 producers and 100,000 products over
#       the 34 provinces / 3,321 communes (registration's registrations and every stage change, evaluation's
#       rounds, scores, certificates and their ends, promotion's sales points, fairs, rewards…) published as the
#       relays would while reporting consumes: backfill events/s, the read models checked against the history;
#       then the national report for the current month without and with the drill-down to the 34 provinces,
#       its XLSX (and PDF, CSV) and a province with its communes, timed against 1 s (3 s for the XLSX); the
#       report's SQL with EXPLAIN (ANALYZE, BUFFERS); event-to-read-model lag at 500 events/s (ack floors polled
#       every 10 ms) beside a plain JetStream consumer's rate and lag on the same messages
#       (bench/src/reporting-bench.ts). Settings: BENCH_PRODUCERS=20000 BENCH_PRODUCTS=100000
#       BENCH_HISTORY_YEARS=5 BENCH_SEED=20250701 BENCH_REQUESTS=20 BENCH_WARMUP_REQUESTS=2 BENCH_TARGET_MS=1000
#       BENCH_XLSX_TARGET_MS=3000 BENCH_LAG_RATE=500 BENCH_LAG_SECONDS=30 BENCH_LAG_TARGET_MS=100 BENCH_POLL_MS=100
#       BENCH_PUBLISH_WINDOW=1000 BENCH_CATCHUP_TIMEOUT=2400 DATABASE_POOL_SIZE BENCH_KEEP=1 (keep the database)
#       and BENCH_WRITE_DOC.
set -euo pipefail
LOG_TAG=bench
# shellcheck source=../infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/lib.sh"
cd "$OCOP_REPO_ROOT"

SCENARIO="${1:-platform}"
case "$SCENARIO" in
  platform | registration-scale | evaluation-scoring | workflows | promotion-suspension | reporting-national) ;;
  *) die "unknown scenario '$SCENARIO': npm run bench (the platform), npm run bench -- registration-scale, npm run bench -- evaluation-scoring, npm run bench -- workflows, npm run bench -- promotion-suspension or npm run bench -- reporting-national" ;;
esac

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
if [[ "$SCENARIO" != platform ]]; then
  WORK="$WORK-$SCENARIO"
  RESULT_JSON="bench/results/$STAMP-$SCENARIO.json"
fi
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

# psql beside pgbench when there is one, otherwise the one on PATH.
locate_psql() {
  local pgbench_bin
  if pgbench_bin="$(find_pgbench)" && [[ -x "$(dirname "$pgbench_bin")/psql" ]]; then
    PSQL="$(dirname "$pgbench_bin")/psql"
  else
    PSQL="$(command -v psql)" || die "psql not found (apt-get install postgresql-client)"
  fi
}

# Builds what a scenario measures as it is now (tsc -b is incremental), then the bench driver. If it does not
# compile, the last build is measured, when there is one.  $1: what, $2: files that must exist (space-separated),
# the rest: the tsc -b projects.
build_measured() {
  local what=$1 needed=$2 build_rc file
  shift 2
  log "building $what (tsc -b $*) and the bench driver (tsc -p bench/tsconfig.json)"
  set +e
  npx --no-install tsc -b "$@" 2>&1 | sed 's/^/  | /'
  build_rc=${PIPESTATUS[0]}
  set -e
  fact build_rc "$build_rc"
  if ((build_rc != 0)); then
    for file in $needed; do [[ -f $file ]] || die "$what does not build ($file missing)"; done
    warn "tsc -b failed (exit $build_rc): measuring the last build of $what"
  fi
  npx --no-install tsc -p bench/tsconfig.json
}

# The facts every run records first: when, which commit, the machine's size and load.
record_run_start() {
  fact started_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fact git_commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  fact git_dirty "$(git status --porcelain 2>/dev/null | grep -vc '^??' || true)"
  fact nproc "$(nproc)"
  fact loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# Sets PGBENCH_BIN and PSQL (or stops before touching anything) and records pgbench's version.
locate_pgbench() {
  if ! PGBENCH_BIN="$(find_pgbench)"; then
    die "pgbench not found (looked at \$PGBENCH, \$(pg_config --bindir), /usr/lib/postgresql/*/bin, PATH).
  On Debian/Ubuntu it ships with the server package: apt-get install postgresql (or postgresql-<major>);
  then re-run, or point PGBENCH=/path/to/pgbench at it."
  fi
  PSQL="$(dirname "$PGBENCH_BIN")/psql"
  [[ -x "$PSQL" ]] || PSQL="$(command -v psql)" || die "psql not found (apt-get install postgresql-client)"
  fact pgbench_version "$("$PGBENCH_BIN" --version)"
}

parse_url "$DATABASE_URL" 5432
PG_ENV=(env "PGHOST=$URL_HOST" "PGPORT=$URL_PORT" "PGUSER=${URL_USER:-postgres}" "PGAPPNAME=ocop-bench")
[[ -z "$URL_PASSWORD" ]] || PG_ENV+=("PGPASSWORD=$URL_PASSWORD")
PG_SHOWN="$(mask_url "$DATABASE_URL")"
psql_() { "${PG_ENV[@]}" "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# run_pgbench CLIENTS - pgbench -f bench/pgbench/insert.sql on $BENCH_DB (bench_t created by the caller),
# output to $WORK/pgbench-CLIENTS.log; skipped when the clients would not fit in $free_conns.
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

# ------------------------------------------------------------------ scenarios with a database of their own
# registration-scale and evaluation-scoring never touch the platform's processes or ports: everything their
# driver starts (nats-server, a Temporal dev server, API processes) runs on free ports and is listed in
# $WORK/pids; their database is created here and dropped on exit (kept with BENCH_KEEP=1).
SCALE_DB=""
SCALE_DB_CREATED=0
scale_cleanup() {
  local rc=$? pid name cmdline
  if [[ -f "$WORK/pids" ]]; then
    # Only if the driver died without stopping them; only our own pids, checked against their command line.
    while read -r pid name; do
      [[ -n "$pid" ]] || continue
      [[ -r "/proc/$pid/cmdline" ]] || continue
      cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" || true)"
      if [[ "$cmdline" == *nats-server* || "$cmdline" == *services/*/dist/main.js* || "$cmdline" == *"server start-dev"* ]]; then
        warn "stopping $name (pid $pid), left running by the driver"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.2
        done
        kill -9 "$pid" 2>/dev/null || true
      fi
    done <"$WORK/pids"
  fi
  if ((SCALE_DB_CREATED)); then
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
      log "BENCH_KEEP=1: database $SCALE_DB kept (drop it with: psql -c 'DROP DATABASE $SCALE_DB')"
    else
      psql_ -d postgres -c "DROP DATABASE IF EXISTS $SCALE_DB WITH (FORCE)" >/dev/null 2>&1 ||
        warn "could not drop database $SCALE_DB"
    fi
  fi
  if ((rc != 0)); then
    printf '[%s] ERROR: the bench stopped early (exit %s); raw logs in %s\n' "$LOG_TAG" "$rc" "$WORK" >&2
  fi
}

# ------------------------------------------------------------------ registration-scale
# The whole registration-scale scenario (see the header).
# The last step of a scenario with a database of its own: drop it (unless BENCH_KEEP=1), record the end and
# write the report with the scenario's reporter (results JSON, and docs/benchmarks.md unless BENCH_WRITE_DOC=0).
#   finish_with_report "4/4" scale-report.js    (t0: the scenario's start, in SECONDS)
finish_with_report() {
  step "$1 report"
  if [[ "${BENCH_KEEP:-0}" != 1 ]]; then # else scale_cleanup says that it is kept
    psql_ -d postgres -c "DROP DATABASE $SCALE_DB WITH (FORCE)"
    SCALE_DB_CREATED=0
  fi
  fact finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fact total_s "$((SECONDS - t0))"
  local report_args=("$WORK" "$RESULT_JSON")
  [[ "$BENCH_WRITE_DOC" == 0 ]] || report_args+=(docs/benchmarks.md)
  node "bench/dist/$2" "${report_args[@]}"
}

registration_scale() {
  local t0 t rc db_url
  t0=$SECONDS
  SCALE_DB="ocop_bench_scale_$(date -u +%Y%m%d_%H%M%S)"
  db_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$DATABASE_URL" "$SCALE_DB")"
  trap scale_cleanup EXIT

  step "machine"
  fact run_id "$STAMP"
  fact scenario "$SCENARIO"
  record_run_start
  fact database "$(mask_url "$db_url")"
  fact settings "BENCH_PRODUCERS=${BENCH_PRODUCERS:-20000} BENCH_PRODUCTS=${BENCH_PRODUCTS:-100000} BENCH_CONNECTIONS=$BENCH_CONNECTIONS BENCH_QUERY_CONNECTIONS=${BENCH_QUERY_CONNECTIONS:-8} BENCH_QUERY_DURATION=${BENCH_QUERY_DURATION:-15} BENCH_QUERY_WARMUP=${BENCH_QUERY_WARMUP:-3} BENCH_QUERY_SERIAL_DURATION=${BENCH_QUERY_SERIAL_DURATION:-5} BENCH_TARGET_P99_MS=${BENCH_TARGET_P99_MS:-50} BENCH_SEED=${BENCH_SEED:-20250701} PGBENCH_CLIENTS=$PGBENCH_CLIENTS PGBENCH_JOBS=$PGBENCH_JOBS PGBENCH_DURATION=$PGBENCH_DURATION PGBENCH_POOL_CLIENTS=$PGBENCH_POOL_CLIENTS"
  log "scenario registration-scale: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "raw logs: $WORK"
  locate_pgbench
  fact postgres_version "$(psql_ -d postgres -Atc 'SHOW server_version')"
  log "pgbench: $PGBENCH_BIN ($("$PGBENCH_BIN" --version)); PostgreSQL at $PG_SHOWN"
  if [[ ! -f services/registration/dist/main.js || ! -f libs/nest-common/dist/auth/mint-token.js ]]; then
    log "registration is not built: npx tsc -b"
    npx --no-install tsc -b
  fi
  log "building the bench driver (tsc -p bench/tsconfig.json)"
  npx --no-install tsc -p bench/tsconfig.json

  step "1/4 database $SCALE_DB on $PG_SHOWN, registration's migrations"
  psql_ -d postgres -c "CREATE DATABASE $SCALE_DB"
  SCALE_DB_CREATED=1
  now_ms
  t=$REPLY
  DATABASE_URL="$db_url" node services/registration/dist/migrate.js 2>&1 | sed 's/^/  | /'
  now_ms
  fact migrate_ms "$((REPLY - t))"

  step "2/4 pgbench: single-row INSERT + COMMIT (bench/pgbench), in $SCALE_DB before the API starts"
  fact loadavg_pgbench "$(cut -d' ' -f1-3 /proc/loadavg)"
  free_conns="$(psql_ -d postgres -Atc "SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")"
  fact pg_free_connections "$free_conns"
  log "$free_conns connections free on the server"
  BENCH_DB="$SCALE_DB"
  psql_ -d "$BENCH_DB" -f bench/pgbench/schema.sql
  run_pgbench "$PGBENCH_CLIENTS"
  if ((PGBENCH_POOL_CLIENTS > 0 && PGBENCH_POOL_CLIENTS != PGBENCH_CLIENTS)); then
    log "again at the API's connection pool size ($PGBENCH_POOL_CLIENTS clients), for comparison"
    run_pgbench "$PGBENCH_POOL_CLIENTS"
  fi
  psql_ -d "$BENCH_DB" -c 'DROP TABLE bench_t'

  step "3/4 registration API: ${BENCH_PRODUCERS:-20000} producers, ${BENCH_PRODUCTS:-100000} products, then list and search"
  fact loadavg_api "$(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  BENCH_SCALE_DATABASE_URL="$db_url" BENCH_WORK="$WORK" node bench/dist/scale-bench.js "$WORK/scale.json"
  rc=$?
  set -e
  fact scale_rc "$rc"
  ((rc == 0)) || die "the registration-scale driver failed (exit $rc); logs in $WORK"

  finish_with_report "4/4" scale-report.js
}

# ------------------------------------------------------------------ evaluation-scoring
# A national round day (see the header): bench/src/evaluation-bench.ts does the work, this sets up the database.
evaluation_scoring() {
  local t0 t rc db_url
  t0=$SECONDS
  SCALE_DB="ocop_bench_eval_$(date -u +%Y%m%d_%H%M%S)"
  db_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$DATABASE_URL" "$SCALE_DB")"
  trap scale_cleanup EXIT

  step "machine"
  fact run_id "$STAMP"
  fact scenario "$SCENARIO"
  record_run_start
  fact database "$(mask_url "$db_url")"
  fact settings "BENCH_COUNCILS=${BENCH_COUNCILS:-6} BENCH_ROUND_PRODUCTS=${BENCH_ROUND_PRODUCTS:-500} BENCH_SCORING_MEMBERS=${BENCH_SCORING_MEMBERS:-9} BENCH_SUBMIT_CONNECTIONS=${BENCH_SUBMIT_CONNECTIONS:-councils×members} BENCH_ENTER_CONNECTIONS=${BENCH_ENTER_CONNECTIONS:-councils} BENCH_FLAGGED_SHARE=${BENCH_FLAGGED_SHARE:-0.06} BENCH_MISSED_SHARE=${BENCH_MISSED_SHARE:-0.03} BENCH_WARM_CACHE=${BENCH_WARM_CACHE:-1} BENCH_TARGET_MS=${BENCH_TARGET_MS:-1000} BENCH_SEED=${BENCH_SEED:-20250701} DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-10}"
  log "scenario evaluation-scoring: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "raw logs: $WORK"
  locate_psql
  fact postgres_version "$(psql_ -d postgres -Atc 'SHOW server_version')"
  log "PostgreSQL at $PG_SHOWN"
  build_measured "registration and evaluation" "services/evaluation/dist/main.js services/registration/dist/main.js" services/registration services/evaluation

  step "1/3 database $SCALE_DB on $PG_SHOWN, registration's and evaluation's migrations"
  psql_ -d postgres -c "CREATE DATABASE $SCALE_DB"
  SCALE_DB_CREATED=1
  now_ms
  t=$REPLY
  DATABASE_URL="$db_url" node services/registration/dist/migrate.js 2>&1 | sed 's/^/  | /'
  DATABASE_URL="$db_url" node services/evaluation/dist/migrate.js 2>&1 | sed 's/^/  | /'
  now_ms
  fact migrate_ms "$((REPLY - t))"

  step "2/3 a national round day: councils, rounds, scorecards, deliberation and decisions"
  fact loadavg_api "$(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  BENCH_EVAL_DATABASE_URL="$db_url" BENCH_WORK="$WORK" node bench/dist/evaluation-bench.js "$WORK/evaluation.json"
  rc=$?
  set -e
  fact evaluation_rc "$rc"
  ((rc == 0)) || die "the evaluation-scoring driver failed (exit $rc); logs in $WORK"

  finish_with_report "3/3" evaluation-report.js
}

if [[ "$SCENARIO" == registration-scale ]]; then
  registration_scale
  exit 0
fi
if [[ "$SCENARIO" == evaluation-scoring ]]; then
  evaluation_scoring
  exit 0
fi

# ------------------------------------------------------------------ workflows
# The product workflow on the dev server (see the header): bench/src/workflow-bench.ts does the work in a
# namespace of its own; this builds what it loads and makes sure Temporal answers.
WF_TEMPORAL_STARTED=0
workflows_cleanup() {
  local rc=$? pid name
  # BENCH_TEMPORAL=private: the driver's own dev server, if the driver died without stopping it.
  if [[ -f "$WORK/pids" ]]; then
    while read -r pid name; do
      [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || continue
      if [[ "$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" || true)" == *"server start-dev"* ]]; then
        warn "stopping $name (pid $pid), left running by the driver"
        kill "$pid" 2>/dev/null || true
      fi
    done <"$WORK/pids"
  fi
  if ((WF_TEMPORAL_STARTED)); then
    log "stopping the Temporal dev server the bench started"
    bash infra/temporal.sh stop || true
  fi
  if ((rc != 0)); then
    printf '[%s] ERROR: the bench stopped early (exit %s); raw logs in %s\n' "$LOG_TAG" "$rc" "$WORK" >&2
  fi
}

workflows_bench() {
  local t0 rc
  t0=$SECONDS
  trap workflows_cleanup EXIT

  step "machine"
  fact run_id "$STAMP"
  fact scenario "$SCENARIO"
  record_run_start
  fact settings "BENCH_WORKFLOWS=${BENCH_WORKFLOWS:-20000} BENCH_RAW_WORKFLOWS=${BENCH_RAW_WORKFLOWS:-2000} BENCH_RAW_SERIAL=${BENCH_RAW_SERIAL:-200} BENCH_START_CONCURRENCY=${BENCH_START_CONCURRENCY:-32} BENCH_DUE_WORKFLOWS=${BENCH_DUE_WORKFLOWS:-1000} BENCH_DUE_DELAY=${BENCH_DUE_DELAY:-150} BENCH_SETTLE=${BENCH_SETTLE:-30} BENCH_SEED=${BENCH_SEED:-20250701} BENCH_TEMPORAL=${BENCH_TEMPORAL:-shared} TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS"
  log "scenario workflows: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "raw logs: $WORK"
  build_measured "the libs" "libs/nest-common/dist/temporal/worker-runner.js libs/workflows/dist/product/certificate-schedule.js" libs/nest-common libs/workflows

  step "1/3 Temporal"
  parse_hostport "$TEMPORAL_ADDRESS" 7233
  if [[ "${BENCH_TEMPORAL:-shared}" == private ]]; then
    log "BENCH_TEMPORAL=private: the driver starts a dev server of its own (the one at $TEMPORAL_ADDRESS is not used)"
    fact temporal_started 0
  elif port_open "$HP_HOST" "$HP_PORT"; then
    log "reusing the server that answers on $TEMPORAL_ADDRESS"
    fact temporal_started 0
  else
    log "nothing answers on $TEMPORAL_ADDRESS: starting the platform's dev server (infra/temporal.sh), stopped again at the end"
    WF_TEMPORAL_STARTED=1
    fact temporal_started 1
    bash infra/temporal.sh start
  fi

  step "2/3 raw starts, 20,000 product workflows parked on their timers, 1,000 timers due together"
  fact loadavg_workflows "$(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  BENCH_WORK="$WORK" BENCH_RUN_ID="$STAMP" TEMPORAL_ADDRESS="$TEMPORAL_ADDRESS" \
    node bench/dist/workflow-bench.js "$WORK/workflows.json"
  rc=$?
  set -e
  fact workflows_rc "$rc"
  ((rc == 0)) || die "the workflows driver failed (exit $rc); logs in $WORK"

  step "3/3 report"
  if ((WF_TEMPORAL_STARTED)); then
    bash infra/temporal.sh stop
    WF_TEMPORAL_STARTED=0
  fi
  fact finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fact total_s "$((SECONDS - t0))"
  local report_args=("$WORK" "$RESULT_JSON")
  [[ "$BENCH_WRITE_DOC" == 0 ]] || report_args+=(docs/benchmarks.md)
  node bench/dist/workflow-report.js "${report_args[@]}"
}

if [[ "$SCENARIO" == workflows ]]; then
  workflows_bench
  exit 0
fi

# ------------------------------------------------------------------ promotion-suspension
# Certificates expiring together (see the header): bench/src/promotion-bench.ts does the work, this sets up the
# database (dropped on exit by scale_cleanup unless BENCH_KEEP=1).
promotion_suspension() {
  local t0 rc db_url
  t0=$SECONDS
  SCALE_DB="ocop_bench_promo_$(date -u +%Y%m%d_%H%M%S)"
  db_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$DATABASE_URL" "$SCALE_DB")"
  trap scale_cleanup EXIT

  step "machine"
  fact run_id "$STAMP"
  fact scenario "$SCENARIO"
  record_run_start
  fact database "$(mask_url "$db_url")"
  log "scenario promotion-suspension: $(nproc) CPUs, node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  locate_psql
  build_measured "promotion" "services/promotion/dist/main.js" services/promotion

  step "1/2 database $SCALE_DB on $PG_SHOWN, promotion's migrations"
  psql_ -d postgres -c "CREATE DATABASE $SCALE_DB"
  SCALE_DB_CREATED=1
  DATABASE_URL="$db_url" node services/promotion/dist/migrate.js 2>&1 | sed 's/^/  | /'

  step "2/2 1,000 certificates expire at once: every enrolment, consignment and listing suspended"
  fact loadavg_measure "$(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  BENCH_PROMO_DATABASE_URL="$db_url" BENCH_WORK="$WORK" node bench/dist/promotion-bench.js "$WORK/promotion.json"
  rc=$?
  set -e
  fact promotion_rc "$rc"
  ((rc == 0)) || die "the promotion-suspension driver failed (exit $rc); logs in $WORK"
  cp "$WORK/promotion.json" "$RESULT_JSON"
  fact finished_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  fact total_s "$((SECONDS - t0))"
  log "results: $RESULT_JSON (raw logs in $WORK)"
}

if [[ "$SCENARIO" == promotion-suspension ]]; then
  promotion_suspension
  exit 0
fi

# ------------------------------------------------------------------ reporting-national
# A national monthly report (see the header): bench/src/reporting-bench.ts does the work, this sets up the
# database (dropped on exit by scale_cleanup unless BENCH_KEEP=1) and writes the report.
reporting_national() {
  local t0 t rc db_url
  t0=$SECONDS
  SCALE_DB="ocop_bench_report_$(date -u +%Y%m%d_%H%M%S)"
  db_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$DATABASE_URL" "$SCALE_DB")"
  trap scale_cleanup EXIT
  export BENCH_CATCHUP_TIMEOUT="${BENCH_CATCHUP_TIMEOUT:-2400}"

  step "machine"
  fact run_id "$STAMP"
  fact scenario "$SCENARIO"
  record_run_start
  fact database "$(mask_url "$db_url")"
  fact settings "BENCH_PRODUCERS=${BENCH_PRODUCERS:-20000} BENCH_PRODUCTS=${BENCH_PRODUCTS:-100000} BENCH_HISTORY_YEARS=${BENCH_HISTORY_YEARS:-5} BENCH_SEED=${BENCH_SEED:-20250701} BENCH_REQUESTS=${BENCH_REQUESTS:-20} BENCH_WARMUP_REQUESTS=${BENCH_WARMUP_REQUESTS:-2} BENCH_TARGET_MS=${BENCH_TARGET_MS:-1000} BENCH_XLSX_TARGET_MS=${BENCH_XLSX_TARGET_MS:-3000} BENCH_LAG_RATE=${BENCH_LAG_RATE:-500} BENCH_LAG_SECONDS=${BENCH_LAG_SECONDS:-30} BENCH_LAG_TARGET_MS=${BENCH_LAG_TARGET_MS:-100} BENCH_POLL_MS=${BENCH_POLL_MS:-100} BENCH_PUBLISH_WINDOW=${BENCH_PUBLISH_WINDOW:-1000} BENCH_CATCHUP_TIMEOUT=$BENCH_CATCHUP_TIMEOUT DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-10}"
  log "scenario reporting-national: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "raw logs: $WORK"
  locate_psql
  fact postgres_version "$(psql_ -d postgres -Atc 'SHOW server_version')"
  log "PostgreSQL at $PG_SHOWN"
  build_measured "reporting" "services/reporting/dist/main.js" services/reporting

  step "1/3 database $SCALE_DB on $PG_SHOWN, reporting's migrations"
  psql_ -d postgres -c "CREATE DATABASE $SCALE_DB"
  SCALE_DB_CREATED=1
  now_ms
  t=$REPLY
  DATABASE_URL="$db_url" node services/reporting/dist/migrate.js 2>&1 | sed 's/^/  | /'
  now_ms
  fact migrate_ms "$((REPLY - t))"

  step "2/3 backfill, the national monthly report, lag at ${BENCH_LAG_RATE:-500} events/s beside raw JetStream"
  fact loadavg_measure "$(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  BENCH_REPORT_DATABASE_URL="$db_url" BENCH_WORK="$WORK" node --expose-gc --max-old-space-size=4096 bench/dist/reporting-bench.js "$WORK/reporting.json"
  rc=$?
  set -e
  fact reporting_rc "$rc"
  ((rc == 0)) || die "the reporting-national driver failed (exit $rc); logs in $WORK"

  finish_with_report "3/3" reporting-report.js
}

if [[ "$SCENARIO" == reporting-national ]]; then
  reporting_national
  exit 0
fi

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
record_run_start
fact database "$PG_SHOWN"
fact settings "BENCH_CONNECTIONS=$BENCH_CONNECTIONS BENCH_DURATION=$BENCH_DURATION BENCH_WARMUP=$BENCH_WARMUP BENCH_PIPELINE_TIMEOUT=$BENCH_PIPELINE_TIMEOUT PGBENCH_CLIENTS=$PGBENCH_CLIENTS PGBENCH_JOBS=$PGBENCH_JOBS PGBENCH_DURATION=$PGBENCH_DURATION PGBENCH_POOL_CLIENTS=$PGBENCH_POOL_CLIENTS"
log "$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "raw logs: $WORK"

locate_pgbench
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
