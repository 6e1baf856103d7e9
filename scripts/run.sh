#!/usr/bin/env bash
# Installs everything, prepares the database with the demo provider, then runs the
# platform: the web server (gunicorn), the background worker and the scheduler of periodic tasks.
#
#   HOST / PORT     where the web server listens (default 127.0.0.1:8000)
#   TASK_BACKEND    database (default: `handoff db_worker`) or redis (`handoff rqworker`)
#
# Ctrl-C or SIGTERM stops both processes. If either one dies, the other is stopped
# and the script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh

export PATH="$PWD/.venv/bin:$PATH"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
case "$HOST" in
  *:*) bind="[$HOST]:$PORT" ;;
  *) bind="$HOST:$PORT" ;;
esac
case "$HOST" in
  0.0.0.0 | "::") shown_host=127.0.0.1 ;;
  *:*) shown_host="[$HOST]" ;;
  *) shown_host="$HOST" ;;
esac
URL="http://$shown_host:$PORT"
export SITE_URL="${SITE_URL:-$URL}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1],$HOST}"
VAR_DIR="${HANDOFF_VAR_DIR:-$PWD/var}"
mkdir -p "$VAR_DIR/log"
WORKER_LOG="$VAR_DIR/log/worker.log"

log() { printf '\033[1m[run]\033[0m %s\n' "$*" >&2; }

port_free() {
  python -c '
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError:
        sys.exit(1)
' "$1" "$2"
}
if ! port_free "$HOST" "$PORT"; then
  log "$HOST:$PORT is already in use; stop what runs there or choose another port: PORT=8001 bash scripts/run.sh"
  exit 1
fi

log "applying migrations"
handoff migrate --noinput
log "loading the demo data"
logins=$(handoff seed_demo)
# The skills and occupation taxonomy (O*NET, ESCO) is public data the repository does not hold:
# import it when the folder is there (TAXONOMY_DIR), say so when it is not.
TAXONOMY_DIR="${TAXONOMY_DIR:-../shared/data}"
if [ -d "$TAXONOMY_DIR/onet_29_2" ]; then
  log "importing the O*NET taxonomy from $TAXONOMY_DIR"
  esco=()
  [ -d "$TAXONOMY_DIR/esco_v1_0_8_csv" ] && esco=(--esco "$TAXONOMY_DIR/esco_v1_0_8_csv")
  handoff taxonomy import --onet "$TAXONOMY_DIR/onet_29_2" "${esco[@]}" >/dev/null
else
  log "no O*NET folder at $TAXONOMY_DIR/onet_29_2: skills stay free text (handoff taxonomy import --onet-url ... loads it)"
fi
log "compiling the candidate-ranking kernels (a few seconds once; cached on disk afterwards)"
handoff matching_index warm
log "collecting static files"
handoff collectstatic --noinput -v 0

web=""
worker=""
scheduler=""

stop_all() {
  local pids=() pid
  for pid in "$web" "$worker" "$scheduler"; do [ -n "$pid" ] && pids+=("$pid"); done
  [ ${#pids[@]} -eq 0 ] && return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 100); do  # up to 10 s for a graceful stop
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}

on_signal() {
  trap - INT TERM
  echo >&2
  log "stopping the web server and the worker"
  stop_all
  exit 0
}
trap on_signal INT TERM

log "starting the web server on $bind"
gunicorn handoff.wsgi -c python:handoff.conf.gunicorn --bind "$bind" --workers 2 --graceful-timeout 5 &
web=$!

if [ "${TASK_BACKEND:-database}" = redis ]; then
  log "starting the background worker (rqworker; log: $WORKER_LOG)"
  handoff rqworker default >>"$WORKER_LOG" 2>&1 &
else
  log "starting the background worker (db_worker; log: $WORKER_LOG)"
  handoff db_worker >>"$WORKER_LOG" 2>&1 &
fi
worker=$!
log "starting the scheduler of periodic tasks (SLA sweep, reminders, rules …; log: $WORKER_LOG)"
handoff scheduler >>"$WORKER_LOG" 2>&1 &
scheduler=$!

answers() { python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null; }
ready=0
for _ in $(seq 150); do  # up to 30 s
  if answers "$URL/login/"; then ready=1; break; fi
  if ! kill -0 "$web" 2>/dev/null || ! kill -0 "$worker" 2>/dev/null; then break; fi
  sleep 0.2
done

if [ "$ready" = 0 ]; then
  log "the web server does not answer at $URL/login/ yet"
elif kill -0 "$worker" 2>/dev/null; then
  printf '%s\n' "$logins"
  printf '\n\033[1mhandoff is running at %s/\033[0m  (web pid %s, worker pid %s)\n' "$URL" "$web" "$worker"
  printf 'E-mails sent by the worker appear in %s in development. Press Ctrl-C to stop.\n\n' "$WORKER_LOG"
fi

set +e
wait -n
status=$?
set -e
trap - INT TERM
if ! kill -0 "$web" 2>/dev/null; then
  log "the web server stopped (status $status); stopping the worker"
else
  log "the worker or the scheduler stopped (status $status); stopping the web server"
  tail -n 20 "$WORKER_LOG" >&2 || true
fi
stop_all
exit $((status == 0 ? 1 : status))
