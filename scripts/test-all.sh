#!/usr/bin/env bash
# The whole test suite: types, unit + database tests (PGlite always; also a PostgreSQL server when
# TEST_DATABASE_URL or DATABASE_URL is set), then the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck"
npx tsc --noEmit

echo "== unit and database tests"
npx vitest run

echo "== browser tests"
npx playwright test -c e2e/playwright.config.ts
