#!/usr/bin/env bash
# The whole test suite: types, unit + database tests (on the server in TEST_DATABASE_URL or DATABASE_URL when set,
# else on an embedded PostgreSQL the tests start in .data-test/), then the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck"
npx tsc --noEmit

echo "== unit and database tests"
npx vitest run

echo "== browser tests"
npx playwright test -c e2e/playwright.config.ts
