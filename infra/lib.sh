# shellcheck shell=bash
# Shared helpers for the local-infrastructure scripts. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sets OCOP_REPO_ROOT, OCOP_INFRA_DIR, OCOP_HOME (+ its sub-directories), loads
# <repo>/.env without overriding variables already in the environment, then
# applies defaults for DATABASE_URL, NATS_URL, TEMPORAL_ADDRESS, ...

if [[ -n "${OCOP_LIB_LOADED:-}" ]]; then
  return 0
fi
OCOP_LIB_LOADED=1

# --------------------------------------------------------------------------
# Logging
# --------------------------------------------------------------------------
# Each script sets LOG_TAG (postgres, nats, temporal, tools, stack).
LOG_TAG="${LOG_TAG:-infra}"

log() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2; }

# log_tail FILE [LINES] - print the last lines of a log file to stderr.
log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    printf '[%s] ---- last %s lines of %s ----\n' "$LOG_TAG" "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf '[%s] ---- end of %s ----\n' "$LOG_TAG" "$file" >&2
  fi
}

# die MESSAGE [LOGFILE] - print an error (and the tail of LOGFILE) and exit 1.
die() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$1" >&2
  if [[ $# -ge 2 && -n "$2" ]]; then
    log_tail "$2"
  fi
  exit 1
}

# --------------------------------------------------------------------------
# Repository root, .env and defaults
# --------------------------------------------------------------------------
OCOP_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OCOP_REPO_ROOT="$(cd "$OCOP_INFRA_DIR/.." && pwd)"
if [[ ! -f "$OCOP_REPO_ROOT/package.json" ]] && command -v git >/dev/null 2>&1; then
  OCOP_REPO_ROOT="$(git -C "$OCOP_INFRA_DIR" rev-parse --show-toplevel 2>/dev/null || printf '%s' "$OCOP_REPO_ROOT")"
fi
export OCOP_REPO_ROOT OCOP_INFRA_DIR

# load_env_file FILE - read KEY=VALUE lines (optional "export ", optional
# surrounding quotes, # comments). Variables already set are left alone.
# Nothing is evaluated: values are taken literally.
load_env_file() {
  local file="$1" line key value
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line#export }"
    [[ "$line" == *=* ]] || continue
    key="${line%%=*}"
    value="${line#*=}"
    key="${key%"${key##*[![:space:]]}"}"
    value="${value#"${value%%[![:space:]]*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ "$value" =~ ^\"(.*)\"[[:space:]]*$ || "$value" =~ ^\'(.*)\'[[:space:]]*$ ]]; then
      value="${BASH_REMATCH[1]}"
    fi
    if [[ -z "${!key+x}" ]]; then
      export "$key=$value"
    fi
  done <"$file"
}

load_env_file "$OCOP_REPO_ROOT/.env"

OCOP_HOME="${OCOP_HOME:-$OCOP_REPO_ROOT/.local}"
if [[ "$OCOP_HOME" != /* ]]; then
  OCOP_HOME="$PWD/$OCOP_HOME"
fi
export OCOP_HOME
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ocop}"
export NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"
export NATS_MONITOR_PORT="${NATS_MONITOR_PORT:-8222}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"

OCOP_VENV="$OCOP_HOME/venv"
OCOP_LOG_DIR="$OCOP_HOME/logs"
OCOP_RUN_DIR="$OCOP_HOME/run"

# ensure_home - create OCOP_HOME and its common sub-directories. The
# directory ignores itself (.gitignore "*"), so it never shows up in git.
ensure_home() {
  mkdir -p "$OCOP_HOME" "$OCOP_LOG_DIR" "$OCOP_RUN_DIR"
  if [[ ! -f "$OCOP_HOME/.gitignore" ]]; then
    printf '# local infrastructure state (infra/*.sh)\n*\n' >"$OCOP_HOME/.gitignore"
  fi
}

# --------------------------------------------------------------------------
# URL parsing
# --------------------------------------------------------------------------
# parse_url URL [DEFAULT_PORT] - sets URL_SCHEME URL_USER URL_PASSWORD
# URL_HOST URL_PORT URL_PATH (path without the leading "/", no query).
# shellcheck disable=SC2034  # the URL_* variables are read by the callers
parse_url() {
  local url="$1" default_port="${2:-}" rest authority userinfo hostport
  URL_SCHEME="" URL_USER="" URL_PASSWORD="" URL_HOST="" URL_PORT="" URL_PATH=""
  if [[ "$url" == *://* ]]; then
    URL_SCHEME="${url%%://*}"
    rest="${url#*://}"
  else
    rest="$url"
  fi
  authority="${rest%%/*}"
  if [[ "$rest" == */* ]]; then
    URL_PATH="${rest#*/}"
    URL_PATH="${URL_PATH%%\?*}"
    URL_PATH="${URL_PATH%%#*}"
  fi
  if [[ "$authority" == *@* ]]; then
    userinfo="${authority%@*}"
    hostport="${authority##*@}"
    if [[ "$userinfo" == *:* ]]; then
      URL_USER="${userinfo%%:*}"
      URL_PASSWORD="${userinfo#*:}"
    else
      URL_USER="$userinfo"
    fi
  else
    hostport="$authority"
  fi
  parse_hostport "$hostport" "$default_port"
  URL_HOST="$HP_HOST"
  URL_PORT="$HP_PORT"
}

# parse_hostport HOST:PORT [DEFAULT_PORT] - sets HP_HOST HP_PORT
# (accepts [v6]:port too; the brackets are dropped).
parse_hostport() {
  local hp="$1" default_port="${2:-}"
  HP_HOST="" HP_PORT=""
  if [[ "$hp" =~ ^\[([^]]+)\](:([0-9]+))?$ ]]; then
    HP_HOST="${BASH_REMATCH[1]}"
    HP_PORT="${BASH_REMATCH[3]}"
  elif [[ "$hp" == *:* ]]; then
    HP_HOST="${hp%:*}"
    HP_PORT="${hp##*:}"
  else
    HP_HOST="$hp"
  fi
  HP_HOST="${HP_HOST:-127.0.0.1}"
  HP_PORT="${HP_PORT:-$default_port}"
  if [[ "$HP_HOST" == "localhost" ]]; then
    HP_HOST="127.0.0.1"
  fi
  [[ "$HP_PORT" =~ ^[0-9]+$ ]] || die "cannot find a port in '$hp'"
}

# mask_url URL - the URL with its password replaced by ***.
mask_url() {
  local url="$1"
  if [[ "$url" =~ ^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@/]*@(.*)$ ]]; then
    printf '%s:***@%s' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  else
    printf '%s' "$url"
  fi
}

# --------------------------------------------------------------------------
# Ports
# --------------------------------------------------------------------------
# port_open HOST PORT [TIMEOUT_S] - true when a TCP connect succeeds.
port_open() {
  local host="$1" port="$2" t="${3:-1}"
  # shellcheck disable=SC2016  # expanded by the inner bash
  timeout "$t" bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" >/dev/null 2>&1
}

# wait_for_port HOST PORT TIMEOUT_S MESSAGE [PID] [LOGFILE] - wait until the
# port answers; fails early when PID (if given) dies. Prints progress dots.
wait_for_port() {
  local host="$1" port="$2" timeout_s="$3" msg="$4" pid="${5:-}" logfile="${6:-}"
  local start=$SECONDS
  printf '[%s] %s' "$LOG_TAG" "$msg"
  while ! port_open "$host" "$port"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      printf ' process exited\n'
      die "process $pid exited before $host:$port answered" "$logfile"
    fi
    if ((SECONDS - start >= timeout_s)); then
      printf ' timeout\n'
      die "$host:$port did not answer within ${timeout_s}s" "$logfile"
    fi
    printf '.'
    sleep 1
  done
  printf ' up (%ss)\n' "$((SECONDS - start))"
}

# --------------------------------------------------------------------------
# PID files ($OCOP_HOME/run/NAME.pid)
# --------------------------------------------------------------------------
pid_file() { printf '%s/%s.pid' "$OCOP_RUN_DIR" "$1"; }

pid_write() { printf '%s\n' "$2" >"$(pid_file "$1")"; }

pid_clear() { rm -f "$(pid_file "$1")"; }

# pid_read NAME - print the recorded pid (empty when none).
pid_read() {
  local f
  f="$(pid_file "$1")"
  if [[ -f "$f" ]]; then
    head -n 1 "$f" | tr -cd '0-9'
  fi
}

# pid_matches PID PATTERN - the process is alive and its command line
# contains PATTERN (guards against recycled pids).
pid_matches() {
  local pid="$1" pattern="$2" cmdline
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$pattern"* ]]
}

# pid_running NAME PATTERN - our recorded process is alive; prints its pid.
# A stale pid file is removed.
pid_running() {
  local name="$1" pattern="$2" pid
  pid="$(pid_read "$name")"
  if pid_matches "$pid" "$pattern"; then
    printf '%s' "$pid"
    return 0
  fi
  [[ -z "$pid" ]] || pid_clear "$name"
  return 1
}

# pid_stop NAME PATTERN [TIMEOUT_S] - SIGTERM our process (and its process
# group, the service runs in its own session), SIGKILL after TIMEOUT_S.
pid_stop() {
  local name="$1" pattern="$2" timeout_s="${3:-20}" pid start
  if ! pid="$(pid_running "$name" "$pattern")"; then
    return 1
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS - start >= timeout_s)); then
      warn "$name (pid $pid) did not stop within ${timeout_s}s, sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.2
  done
  pid_clear "$name"
  return 0
}

# spawn_daemon NAME LOGFILE CMD [ARGS...] - run CMD in the background in its
# own session (nohup + setsid, stdin from /dev/null, output appended to
# LOGFILE) and record its pid in the pid file. Prints the pid.
spawn_daemon() {
  local name="$1" logfile="$2" pidf
  shift 2
  pidf="$(pid_file "$name")"
  rm -f "$pidf"
  # The inner bash writes its own pid and then execs CMD, so the pid file
  # holds CMD's pid whether or not setsid had to fork.
  # shellcheck disable=SC2016
  nohup setsid bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' _ "$pidf" "$@" \
    </dev/null >>"$logfile" 2>&1 &
  local _
  for _ in $(seq 1 50); do
    [[ -s "$pidf" ]] && break
    sleep 0.1
  done
  [[ -s "$pidf" ]] || die "could not start $name (no pid file)" "$logfile"
  pid_read "$name"
}

# --------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------
# find_tool NAME - print the path of NAME from $OCOP_HOME/venv/bin or PATH.
find_tool() {
  local name="$1"
  if [[ -x "$OCOP_VENV/bin/$name" ]]; then
    printf '%s' "$OCOP_VENV/bin/$name"
  elif command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
  else
    return 1
  fi
}

# as_root CMD... - run CMD as root (directly, or through sudo).
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (no sudo available)"
  fi
}

# apt_install PKG... - apt-get update (once per run) and install packages.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $* by hand"
  if [[ -z "${OCOP_APT_UPDATED:-}" ]]; then
    log "apt-get update …"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
    OCOP_APT_UPDATED=1
  fi
  log "apt-get install -y $* …"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
    die "apt-get install $* failed"
}
