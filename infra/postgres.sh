#!/usr/bin/env bash
# PostgreSQL for local development.
#
#   infra/postgres.sh start    # reuse the server at DATABASE_URL if it answers,
#                              # else start a private cluster in $OCOP_HOME/pg;
#                              # then make sure the database exists
#   infra/postgres.sh stop     # stop the private cluster (never a reused server)
#   infra/postgres.sh status   # postgres: reused|own|down <url>
set -euo pipefail

LOG_TAG=postgres
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_url "$DATABASE_URL" 5432
PG_HOST="$URL_HOST"
PG_PORT="$URL_PORT"
PG_USER="${URL_USER:-postgres}"
PG_PASSWORD="$URL_PASSWORD"
PG_DB="${URL_PATH:-$PG_USER}"
PG_URL_SHOWN="$(mask_url "$DATABASE_URL")"

PG_DIR="$OCOP_HOME/pg"
PG_DATA="$PG_DIR/data"
PG_SOCKET_DIR="$PG_DIR/run"
PG_LOG="$OCOP_LOG_DIR/postgres.log"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-60}"
PG_BINDIR=""
PG_OS_USER=""

# ---------------------------------------------------------------- binaries
pg_bindir_ok() {
  [[ -n "$1" && -x "$1/initdb" && -x "$1/pg_ctl" && -x "$1/postgres" ]]
}

find_pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if pg_bindir_ok "$dir"; then
      printf '%s' "$dir"
      return 0
    fi
  fi
  dir="$(find_debian_bindir)"
  if pg_bindir_ok "$dir"; then
    printf '%s' "$dir"
    return 0
  fi
  if command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v initdb)")")"
    if pg_bindir_ok "$dir"; then
      printf '%s' "$dir"
      return 0
    fi
  fi
  return 1
}

# Highest /usr/lib/postgresql/<version>/bin that holds a server.
find_debian_bindir() {
  local dir
  # shellcheck disable=SC2012
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -V -r); do
    if pg_bindir_ok "$dir"; then
      printf '%s' "$dir"
      return 0
    fi
  done
  return 1
}

install_postgres() {
  log "no PostgreSQL server binaries found; installing the Debian package"
  if ! dpkg -s postgresql-common >/dev/null 2>&1; then
    # Don't let the package create and start its own "main" cluster: we run
    # a private one in $OCOP_HOME/pg instead.
    as_root mkdir -p /etc/postgresql-common/createcluster.d
    printf '# written by infra/postgres.sh: no default cluster\ncreate_main_cluster = false\n' |
      as_root tee /etc/postgresql-common/createcluster.d/ocop-no-main-cluster.conf >/dev/null
  fi
  apt_install postgresql
}

# ---------------------------------------------------------------- OS user
# initdb/pg_ctl refuse to run as root: as root we run them as the "postgres"
# system user (or a dedicated "ocop-pg" user when there is none).
pick_os_user() {
  if [[ "$(id -u)" -ne 0 ]]; then
    PG_OS_USER="$(id -un)"
    return 0
  fi
  if id -u postgres >/dev/null 2>&1; then
    PG_OS_USER=postgres
  else
    if ! id -u ocop-pg >/dev/null 2>&1; then
      log "creating system user ocop-pg to run the private cluster"
      useradd --system --user-group --no-create-home --home-dir "$PG_DIR" \
        --shell /usr/sbin/nologin ocop-pg
    fi
    PG_OS_USER=ocop-pg
  fi
}

as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

# ---------------------------------------------------------------- state
own_pid() {
  local pid
  if pid_running postgres "$PG_DATA"; then
    return 0
  fi
  # Pid file lost but our cluster is up: adopt it again.
  pid="$(postmaster_pid)"
  if pid_matches "$pid" "$PG_DATA"; then
    pid_write postgres "$pid"
    printf '%s' "$pid"
    return 0
  fi
  return 1
}

# The postmaster pid from the data directory (empty when not running).
postmaster_pid() {
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    head -n 1 "$PG_DATA/postmaster.pid" | tr -cd '0-9'
  fi
}

# ---------------------------------------------------------------- database
ensure_database() {
  local node_pg="$OCOP_REPO_ROOT/node_modules/pg"
  if command -v node >/dev/null 2>&1 && [[ -d "$node_pg" ]]; then
    ensure_database_node "$node_pg"
  else
    ensure_database_psql
  fi
}

ensure_database_node() {
  local out
  # shellcheck disable=SC2016
  local js='
const { Client } = require(process.env.OCOP_NODE_PG);
const db = process.env.OCOP_PG_DB;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function connect(database) {
  const c = new Client({
    host: process.env.OCOP_PG_HOST, port: Number(process.env.OCOP_PG_PORT),
    user: process.env.OCOP_PG_USER, password: process.env.OCOP_PG_PASSWORD || undefined,
    database, connectionTimeoutMillis: 5000,
  });
  await c.connect();
  return c;
}
(async () => {
  let client, lastErr;
  for (let i = 0; i < 30 && !client; i++) {
    for (const maint of ["postgres", "template1"]) {
      try { client = await connect(maint); break; } catch (e) {
        lastErr = e;
        if (e.code === "3D000") continue;   // maintenance db missing: try the next
        break;
      }
    }
    if (!client) await sleep(500);
  }
  if (!client) throw lastErr;
  try {
    const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
    if (r.rowCount > 0) { console.log("exists"); return; }
    try {
      await client.query("CREATE DATABASE \"" + db.replace(/"/g, "\"\"") + "\"");
      console.log("created");
    } catch (e) {
      if (e.code === "42P04") { console.log("exists"); return; }
      throw e;
    }
  } finally { await client.end(); }
})().catch((e) => { console.error("error: " + (e && e.message ? e.message : e)); process.exit(1); });
'
  if ! out="$(OCOP_NODE_PG="$1" OCOP_PG_HOST="$PG_HOST" OCOP_PG_PORT="$PG_PORT" \
    OCOP_PG_USER="$PG_USER" OCOP_PG_PASSWORD="$PG_PASSWORD" OCOP_PG_DB="$PG_DB" \
    node -e "$js" 2>&1)"; then
    die "could not ensure database '$PG_DB' on $PG_HOST:$PG_PORT: $out"
  fi
  report_database "$out"
}

ensure_database_psql() {
  local psql exists
  if [[ -n "$PG_BINDIR" && -x "$PG_BINDIR/psql" ]]; then
    psql="$PG_BINDIR/psql"
  elif psql="$(find_debian_bindir)/psql" && [[ -x "$psql" ]]; then
    :
  elif command -v psql >/dev/null 2>&1; then
    psql="$(command -v psql)"
  else
    die "neither node with $OCOP_REPO_ROOT/node_modules/pg nor psql is available to create the database (run npm ci first)"
  fi
  local -a args=(-X -q -t -A -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v "db=$PG_DB")
  # shellcheck disable=SC2016
  exists="$(printf '%s\n' "SELECT 1 FROM pg_database WHERE datname = :'db';" |
    PGPASSWORD="$PG_PASSWORD" "$psql" "${args[@]}" 2>&1)" ||
    die "could not query $PG_HOST:$PG_PORT with psql: $exists"
  if [[ "$exists" == "1" ]]; then
    report_database exists
    return 0
  fi
  local out
  out="$(printf '%s\n' 'CREATE DATABASE :"db";' | PGPASSWORD="$PG_PASSWORD" "$psql" "${args[@]}" 2>&1)" ||
    [[ "$out" == *"already exists"* ]] ||
    die "CREATE DATABASE $PG_DB failed: $out"
  report_database created
}

report_database() {
  case "$1" in
    created) log "created database '$PG_DB'" ;;
    exists) log "database '$PG_DB' exists" ;;
    *) log "database '$PG_DB': $1" ;;
  esac
}

# ---------------------------------------------------------------- cluster
prepare_dirs() {
  ensure_home
  mkdir -p "$PG_DIR" "$PG_SOCKET_DIR"
  touch "$PG_LOG"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown "$PG_OS_USER:" "$PG_DIR" "$PG_SOCKET_DIR" "$PG_LOG"
    [[ ! -d "$PG_DATA" ]] || chown -R "$PG_OS_USER:" "$PG_DATA"
    if ! runuser -u "$PG_OS_USER" -- test -w "$PG_DIR"; then
      die "user $PG_OS_USER cannot write $PG_DIR: every parent directory of OCOP_HOME ($OCOP_HOME) must be searchable (chmod o+x) for it, or set OCOP_HOME elsewhere"
    fi
  fi
}

init_cluster() {
  local initdb_log="$OCOP_LOG_DIR/postgres-initdb.log"
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    local have want
    have="$(cat "$PG_DATA/PG_VERSION")"
    want="$("$PG_BINDIR/postgres" --version | awk '{print $3}' | cut -d. -f1)"
    if [[ "$have" != "$want" ]]; then
      die "$PG_DATA was created by PostgreSQL $have but the binaries in $PG_BINDIR are $want; remove $PG_DATA (or set OCOP_HOME elsewhere)"
    fi
    return 0
  fi
  if [[ -d "$PG_DATA" ]]; then
    log "removing incomplete data directory $PG_DATA"
    rm -rf "$PG_DATA"
  fi
  log "initdb $PG_DATA (superuser $PG_USER, trust auth, UTF8) …"
  : >"$initdb_log"
  [[ "$(id -u)" -ne 0 ]] || chown "$PG_OS_USER:" "$initdb_log"
  local -a args=(-D "$PG_DATA" --auth=trust "--username=$PG_USER" --encoding=UTF8)
  if ! as_pg "$PG_BINDIR/initdb" "${args[@]}" --locale=C.UTF-8 >>"$initdb_log" 2>&1; then
    log "initdb with --locale=C.UTF-8 failed; retrying with --no-locale"
    rm -rf "$PG_DATA"
    as_pg "$PG_BINDIR/initdb" "${args[@]}" --no-locale >>"$initdb_log" 2>&1 ||
      die "initdb failed" "$initdb_log"
  fi
  printf "\n# infra/postgres.sh: listen address, port and socket directory\ninclude_if_exists = 'ocop.conf'\n" |
    as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

write_runtime_conf() {
  # Rewritten on each start so a changed DATABASE_URL host/port is honoured.
  printf "# written by infra/postgres.sh on every start\nlisten_addresses = '%s'\nport = %s\nunix_socket_directories = '%s'\n" \
    "$PG_HOST" "$PG_PORT" "$PG_SOCKET_DIR" | as_pg tee "$PG_DATA/ocop.conf" >/dev/null
}

start_cluster() {
  if ! PG_BINDIR="$(find_pg_bindir)"; then
    install_postgres
    # The package may have brought up a server on our port after all.
    if port_open "$PG_HOST" "$PG_PORT"; then
      log "a server now answers on $PG_HOST:$PG_PORT; reusing it"
      return 0
    fi
    PG_BINDIR="$(find_debian_bindir)" || die "PostgreSQL was installed but no server binaries were found in /usr/lib/postgresql/*/bin"
  fi
  pick_os_user
  prepare_dirs
  init_cluster
  write_runtime_conf
  log "starting private cluster on $PG_HOST:$PG_PORT (data $PG_DATA, binaries $PG_BINDIR, as $PG_OS_USER) …"
  # Stale postmaster.pid from a crash is handled by the server itself.
  local out
  if ! out="$(as_pg "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_START_TIMEOUT" -s start 2>&1)"; then
    die "pg_ctl start failed: $out" "$PG_LOG"
  fi
  local pid
  pid="$(postmaster_pid)"
  [[ -n "$pid" ]] || die "server started but $PG_DATA/postmaster.pid is missing" "$PG_LOG"
  pid_write postgres "$pid"
  wait_for_port "$PG_HOST" "$PG_PORT" "$PG_START_TIMEOUT" "waiting for $PG_HOST:$PG_PORT" "$pid" "$PG_LOG"
  log "private cluster running (pid $pid, log $PG_LOG)"
}

# ---------------------------------------------------------------- commands
cmd_start() {
  ensure_home
  local pid
  if pid="$(own_pid)"; then
    log "private cluster already running on $PG_HOST:$PG_PORT (pid $pid)"
    wait_for_port "$PG_HOST" "$PG_PORT" "$PG_START_TIMEOUT" "waiting for $PG_HOST:$PG_PORT" "$pid" "$PG_LOG"
  elif port_open "$PG_HOST" "$PG_PORT"; then
    log "reusing the server that answers on $PG_HOST:$PG_PORT (it will not be stopped by us)"
  else
    start_cluster
  fi
  ensure_database
}

cmd_stop() {
  local pid
  if pid="$(own_pid)"; then
    pick_os_user
    PG_BINDIR="$(find_pg_bindir)" || die "cannot find pg_ctl to stop the private cluster (pid $pid)"
    log "stopping private cluster on $PG_HOST:$PG_PORT (pid $pid) …"
    local out
    if ! out="$(as_pg "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop 2>&1)"; then
      die "pg_ctl stop failed: $out" "$PG_LOG"
    fi
    pid_clear postgres
    log "stopped"
  elif port_open "$PG_HOST" "$PG_PORT"; then
    log "server on $PG_HOST:$PG_PORT is not ours (reused); leaving it running"
  else
    log "not running"
  fi
}

cmd_status() {
  if own_pid >/dev/null; then
    printf 'postgres: own %s\n' "$PG_URL_SHOWN"
  elif port_open "$PG_HOST" "$PG_PORT"; then
    printf 'postgres: reused %s\n' "$PG_URL_SHOWN"
  else
    printf 'postgres: down %s\n' "$PG_URL_SHOWN"
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
