#!/usr/bin/env bash
# Installs everything, then runs every check and the whole test suite:
# lint (ruff, mypy, import contracts, tenant scoping), then pytest on SQLite and,
# when PostgreSQL answers, on PostgreSQL in a second process beside it. Exit status is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --browser

export PATH="$PWD/.venv/bin:$PATH"
unset DATABASE_URL
export HANDOFF_VAR_DIR="${HANDOFF_VAR_DIR:-$PWD/var}"
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/handoff}"
REDIS_TEST_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "lint: ruff"
ruff check .
ruff format --check .
step "lint: import contracts (engines stay pure)"
lint-imports
step "lint: tenant scoping"
handoff lint_scoping
step "lint: mypy"
mypy handoff tests

if python -c "import redis,sys; redis.Redis.from_url('$REDIS_TEST_URL', socket_connect_timeout=2).ping()" 2>/dev/null; then
  export TEST_REDIS_URL="$REDIS_TEST_URL"
else
  echo "Redis does not answer at $REDIS_TEST_URL: Redis tests will be skipped"
fi

PG_UP=0
if python -c "import psycopg; psycopg.connect('$PG_URL'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then
  PG_UP=1
else
  echo "PostgreSQL does not answer at $PG_URL: the PostgreSQL pass is skipped"
  [ -n "${CI:-}" ] && { echo "CI requires PostgreSQL"; exit 1; }
fi

if [ "$PG_UP" = 0 ]; then
  step "tests: SQLite"
  pytest "$@"
else
  # The two passes run side by side, one per core, each with its own var dir (uploads, matching index,
  # classifier files) and its own Redis database; the PostgreSQL pass's output follows the SQLite pass's.
  step "tests: SQLite, and PostgreSQL ($PG_URL) beside it"
  PG_LOG="$HANDOFF_VAR_DIR/log/tests-postgresql.log"
  mkdir -p "$HANDOFF_VAR_DIR/log"
  redis_pg="${TEST_REDIS_URL:+${TEST_REDIS_URL%/*}/14}"
  # The PostgreSQL pass runs every test request as a plain role (not the superuser), so row-level security
  # binds it: a query that forgot its client scope fails here (TEST_DATABASE_APP_ROLE="" turns this off).
  (
    export DATABASE_URL="$PG_URL" HANDOFF_VAR_DIR="$HANDOFF_VAR_DIR/test-postgresql"
    export DATABASE_APP_ROLE="${TEST_DATABASE_APP_ROLE-handoff_app}"
    if [ -n "$redis_pg" ]; then export TEST_REDIS_URL="$redis_pg"; fi
    exec pytest "$@"
  ) >"$PG_LOG" 2>&1 &
  pg_pass=$!
  trap 'kill "$pg_pass" 2>/dev/null || true' EXIT
  sqlite_status=0
  HANDOFF_VAR_DIR="$HANDOFF_VAR_DIR/test-sqlite" pytest "$@" || sqlite_status=$?
  pg_status=0
  wait "$pg_pass" || pg_status=$?
  trap - EXIT
  step "tests: PostgreSQL ($PG_URL)"
  cat "$PG_LOG"
  if [ "$sqlite_status" != 0 ] || [ "$pg_status" != 0 ]; then
    echo "tests failed: SQLite pass exit $sqlite_status, PostgreSQL pass exit $pg_status"
    exit 1
  fi
fi
step "all checks passed"
