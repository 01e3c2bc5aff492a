#!/usr/bin/env node
// The one test command: typecheck, lint and format, unit, integration (SQLite, and PostgreSQL
// when TEST_PG_URL is set), browser e2e (when Chromium is installed). Whatever it skips it says
// loudly; with REQUIRE_ALL=1 (CI) a skip is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const requireAll = process.env.REQUIRE_ALL === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results = { passed: 0, failed: 0, skipped: 0 };
const skips = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-results-'));

function run(title, command, args, env = {}) {
  console.log(`\n━━ ${title}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed (exit ${r.status})`);
    return false;
  }
  return true;
}

function count(file, kind) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    results.passed += report.numPassedTests;
    results.failed += report.numFailedTests;
    results.skipped += report.numPendingTests + report.numTodoTests;
  } else {
    results.passed += report.stats.expected + report.stats.flaky;
    results.failed += report.stats.unexpected;
    results.skipped += report.stats.skipped;
  }
}

function skip(what, why) {
  const line = `SKIPPED: ${what} — ${why}`;
  skips.push(line);
  console.log(`\n${'!'.repeat(72)}\n!! ${line}\n${'!'.repeat(72)}`);
}

let ok = run('static checks', 'npm', ['run', 'check']);

const unitOut = path.join(tmp, 'unit.json');
ok =
  run('unit tests', 'npx', [
    'vitest',
    'run',
    'test/unit',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${unitOut}`,
  ]) && ok;
count(unitOut, 'vitest');

if (!process.env.TEST_PG_URL)
  skip('PostgreSQL integration tests', 'set TEST_PG_URL=postgres://… to run them');
const integrationOut = path.join(tmp, 'integration.json');
ok =
  run(`integration tests (${process.env.TEST_PG_URL ? 'SQLite + PostgreSQL' : 'SQLite'})`, 'npx', [
    'vitest',
    'run',
    'test/integration',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${integrationOut}`,
  ]) && ok;
count(integrationOut, 'vitest');

if (fs.existsSync(chromium)) {
  const e2eOut = path.join(tmp, 'e2e.json');
  ok = run('build', 'npm', ['run', 'build']) && ok;
  ok =
    run('browser e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eOut }) &&
    ok;
  count(e2eOut, 'playwright');
} else {
  skip('browser e2e tests', `no Chromium at ${chromium} (apt-get install -y chromium)`);
}

if (skips.length > 0) {
  console.log('\n' + skips.join('\n'));
  if (requireAll) {
    console.error('REQUIRE_ALL=1: nothing may be skipped');
    ok = false;
  }
}
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(ok && results.failed === 0 ? 0 : 1);
