#!/usr/bin/env bash
# Playwright in Chromium against a production build, with a database of its own for this run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-chromium.sh
[ "${SKIP_BUILD:-}" = "1" ] || node_modules/.bin/next build

if [[ "${DATABASE_URL:-}" =~ ^postgres ]]; then
  base="${DATABASE_URL%/*}"
  name="ob_e2e_$(date +%s)_$$"
  psql "$DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  export DATABASE_URL="$base/$name"
  trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
  echo "e2e database: PostgreSQL ($name)"
else
  unset DATABASE_URL
  export PGLITE_DIR=".data/e2e-$(date +%s)-$$"
  trap 'rm -rf "$PGLITE_DIR"' EXIT
  echo "e2e database: PGlite ($PGLITE_DIR)"
fi
node_modules/.bin/tsx --conditions=react-server scripts/migrate.ts
# Specs that seed the database import server-only modules; Playwright's workers inherit the condition.
node --conditions=react-server node_modules/@playwright/test/cli.js test "$@"
