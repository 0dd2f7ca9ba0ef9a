#!/usr/bin/env bash
# The whole test suite: types, unit + database tests (on the server in TEST_DATABASE_URL or DATABASE_URL when set,
# else on an embedded PostgreSQL the tests start in .data-test/), then the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck"
npx tsc --noEmit

echo "== unit and database tests"
npx vitest run --exclude "**/*.processes.test.ts"

# Tests that start and kill processes (servers, workers) measure nothing, but time out when other files load both cores.
echo "== multi-process tests, one file at a time"
npx vitest run --no-file-parallelism processes.test

echo "== browser tests"
npx playwright test -c e2e/playwright.config.ts
