#!/usr/bin/env bash
# Installs everything, then runs every check and the whole test suite:
# lint (ruff, mypy, import contracts, tenant scoping), then pytest on SQLite and,
# when PostgreSQL answers, again on PostgreSQL. Exit status is non-zero on any failure.
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

step "tests: SQLite"
pytest "$@"

if python -c "import psycopg; psycopg.connect('$PG_URL'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then
  step "tests: PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" pytest "$@"
else
  echo "PostgreSQL does not answer at $PG_URL: the PostgreSQL pass is skipped"
  [ -n "${CI:-}" ] && { echo "CI requires PostgreSQL"; exit 1; }
fi
step "all checks passed"
