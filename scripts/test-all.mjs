#!/usr/bin/env node
/**
 * `npm test`: every check, in the order a failure is cheapest to find.
 * typecheck, lint and dependency rules (side by side) → unit tests (vitest, real
 * SQLCipher) → build → end-to-end tests (Playwright in Chromium through the
 * browser host). Ends with one
 * "N passed, N failed" line over unit and e2e tests, and a non-zero exit if
 * anything failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const steps = [];
mkdirSync('test-results', { recursive: true });

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

/**
 * Runs the steps side by side, each one's output held back and printed whole when it
 * ends, in the order given. For the static checks: each is one single-threaded
 * process, so on a 2-core machine typecheck and lint together take about as long
 * as the slower one alone.
 */
async function runSideBySide(list) {
  const ended = list.map(([name, cmd, args, env = {}]) => {
    const started = Date.now();
    return new Promise((resolve) => {
      const out = [];
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      child.stdout.on('data', (chunk) => out.push(chunk));
      child.stderr.on('data', (chunk) => out.push(chunk));
      const finish = (status, error) => {
        if (error) out.push(Buffer.from(`${error.message}\n`));
        resolve({ name, cmd, args, ok: status === 0, out, seconds: ((Date.now() - started) / 1000).toFixed(1) });
      };
      child.once('error', (error) => finish(null, error));
      child.once('close', (status) => finish(status));
    });
  });
  let allOk = true;
  for (const done of ended) {
    const r = await done;
    process.stdout.write(`\n=== ${r.name}: ${r.cmd} ${r.args.join(' ')}\n`);
    process.stdout.write(Buffer.concat(r.out));
    steps.push({ name: r.name, ok: r.ok, seconds: r.seconds });
    allOk = r.ok && allOk;
  }
  return allOk;
}

const npx = (args, env) => ['npx', ['--no-install', ...args], env];

let ok = await runSideBySide([
  ['typecheck', ...npx(['tsc', '--noEmit', '-p', 'tsconfig.json'])],
  ['lint', ...npx(['eslint', '--max-warnings=0', '.'])],
  // The core's layering and the floors' import rules (.dependency-cruiser.cjs, docs/core-structure.md).
  ['dependency rules', ...npx(['depcruise', 'src-main', 'src-renderer', '--config', '.dependency-cruiser.cjs'])],
]);

/** Adds one vitest JSON report to the totals; a missing report (vitest crashed) counts as a failure. */
function countVitest(jsonPath) {
  if (!existsSync(jsonPath)) {
    results.failed += 1;
    return;
  }
  const unit = JSON.parse(readFileSync(jsonPath, 'utf8'));
  results.passed += unit.numPassedTests;
  // A file that fails to load runs no test: count it, but not files whose failures are already counted.
  const brokenFiles = (unit.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  results.failed += unit.numFailedTests + brokenFiles;
  results.skipped += unit.numPendingTests + unit.numTodoTests;
}

const unitJson = 'test-results/unit.json';
run('unit tests', ...npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]));
countVitest(unitJson);
// Event-loop timings, by themselves: beside other test files they would measure their neighbours (vitest.config.ts).
const aloneJson = 'test-results/unit-alone.json';
run('event-loop tests (alone)', ...npx(['vitest', 'run', '--config', 'vitest.alone.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${aloneJson}`]));
countVitest(aloneJson);

const built = run('build', ...npx(['electron-vite', 'build']));
if (built) {
  const e2eJson = 'test-results/e2e.json';
  run('end-to-end tests', ...npx(['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, CLINIC_E2E_SKIP_BUILD: '1' }));
  if (existsSync(e2eJson)) {
    const e2e = JSON.parse(readFileSync(e2eJson, 'utf8'));
    results.passed += e2e.stats.expected + e2e.stats.flaky;
    results.failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0);
    results.skipped += e2e.stats.skipped;
  } else {
    results.failed += 1;
  }
} else {
  results.failed += 1;
}

process.stdout.write('\n=== summary\n');
for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name} (${s.seconds}s)\n`);
const allOk = ok && steps.every((s) => s.ok) && results.failed === 0;
process.stdout.write(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}\n`);
process.exit(allOk ? 0 : 1);
