#!/usr/bin/env bash
# Installs everything handoff needs on a Debian machine: a Python >= 3.12, uv,
# the locked Python environment (.venv), the locked front-end assets (node_modules)
# and, with --browser, Debian's chromium for the browser tests.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
  esac
done

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y --no-install-recommends "${missing[@]}" \
    || { as_root apt-get update -q && as_root apt-get install -y --no-install-recommends "${missing[@]}"; }
}

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

find_python() {
  local candidates=()
  [ -n "${HANDOFF_PYTHON:-}" ] && candidates+=("$HANDOFF_PYTHON")
  candidates+=(python3.13 python3.12 python3)
  for dir in "$HOME"/.pyenv/versions/3.13* "$HOME"/.pyenv/versions/3.12* /usr/local/bin /usr/bin; do
    for exe in "$dir"/bin/python3 "$dir"/python3.13 "$dir"/python3.12; do
      [ -x "$exe" ] && candidates+=("$exe")
    done
  done
  for c in "${candidates[@]}"; do
    local path
    path=$(command -v "$c" 2>/dev/null) || continue
    if python_ok "$path"; then echo "$path"; return 0; fi
  done
  return 1
}

PY=$(find_python || true)
if [ -z "$PY" ]; then
  log "no Python >= 3.12 found; installing Debian's python3"
  apt_install python3 python3-venv
  PY=$(find_python) || { log "Python >= 3.12 is required (set HANDOFF_PYTHON)"; exit 1; }
fi
log "python: $PY ($("$PY" -V 2>&1))"

UV_VERSION=0.13.9
UV="var/tools/bin/uv"
if [ ! -x "$UV" ] || [ "$("$UV" --version | awk '{print $2}')" != "$UV_VERSION" ]; then
  log "installing uv $UV_VERSION into var/tools"
  mkdir -p var
  "$PY" -m venv var/tools 2>/dev/null || { apt_install python3-venv; "$PY" -m venv var/tools; }
  var/tools/bin/python -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
fi

log "syncing the locked Python environment (.venv)"
"$UV" sync --frozen --python "$PY" --quiet

if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing the locked front-end assets (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# WeasyPrint (PDF reports) renders with Pango; DejaVu gives it a font on a bare machine.
apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
log "ready"
