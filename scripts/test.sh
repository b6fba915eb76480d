#!/usr/bin/env bash
# Everything: formatting, lint, typecheck, unit + integration tests, then end-to-end in Chromium against a production build.
# Uses the PostgreSQL server in DATABASE_URL (a fresh database per test file / run), or PGlite when it is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
echo "== format";    node_modules/.bin/prettier --check . --log-level warn
echo "== lint";      node_modules/.bin/eslint .
echo "== typecheck"; node_modules/.bin/tsc --noEmit -p .
echo "== vitest";    node_modules/.bin/vitest run
echo "== e2e";       bash scripts/e2e.sh
