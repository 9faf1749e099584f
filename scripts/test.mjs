#!/usr/bin/env node
/**
 * `npm test`: lint, typecheck, a dependency audit, build, unit and integration tests (vitest),
 * then end-to-end tests (Playwright in Chromium, and in Electron where its binary exists).
 * Every step runs even when an earlier one fails (except those that need the build), and the
 * run ends with one summary: each step's outcome, the test counts, and every skipped test with
 * its reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureDependencies, ensureMoto } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const steps = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
const skips = [];

function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}

function step(name, command, args, options = {}) {
  console.log(`\n━━ ${name} ━━ ${[command, ...args].map((a) => a.replace(root, '.')).join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...options.env },
  });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function skipStep(name, reason) {
  steps.push({ name, ok: false, seconds: 0, note: reason });
}

/**
 * `npm audit` of what ships (no devDependencies): fails on a high or critical advisory. Offline,
 * or when the registry's audit endpoint does not answer, it is reported as not run, with the
 * reason, instead of failing: no advisory was found, and none was ruled out either.
 */
function auditStep() {
  const name = 'audit';
  const args = ['audit', '--omit=dev', '--audit-level=high'];
  console.log(`\n━━ ${name} ━━ npm ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync('npm', args, { cwd: root, encoding: 'utf8', timeout: 180_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  const seconds = (Date.now() - started) / 1000;
  if (result.status === 0) {
    steps.push({ name, ok: true, seconds });
    return;
  }
  const reported = /# npm audit report|\d+ (low|moderate|high|critical)? ?vulnerabilit/i.test(output);
  const unreachable =
    result.error?.code === 'ETIMEDOUT' ||
    /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH)|audit endpoint returned an error|request to \S+ failed|network/i.test(
      output,
    );
  if (!reported && unreachable) {
    const detail =
      output
        .split('\n')
        .map((line) => line.replace(/^npm (warn|error) /, '').trim())
        .find((line) => /\b[45]\d\d\b|E[A-Z]{4,}/.test(line)) ?? (result.error ? 'timed out' : '');
    steps.push({
      name,
      ok: true,
      skipped: true,
      seconds,
      note: `not run: registry unreachable${detail ? ` (${detail})` : ''}`,
    });
    return;
  }
  steps.push({ name, ok: false, seconds });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest(report) {
  if (!report) return;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') counts.passed += 1;
      else if (test.status === 'failed') counts.failed += 1;
      else {
        counts.skipped += 1;
        skips.push(`${test.fullName} (vitest: ${test.status})`);
      }
    }
  }
}

function countPlaywright(report) {
  if (!report) return;
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const outcome = test.status; // expected | unexpected | flaky | skipped
        if (outcome === 'skipped') {
          counts.skipped += 1;
          const reason =
            (test.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
          skips.push(`${[...titles, spec.title].join(' › ')}: ${reason}`);
        } else if (outcome === 'unexpected') counts.failed += 1;
        else counts.passed += 1;
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, [suite.title]);
}

if (!ensureDependencies()) {
  console.error('✗ npm dependencies could not be installed; nothing was tested.');
  process.exit(1);
}
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

step('lint', bin('biome'), ['check', '.']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
auditStep();
// Built before the unit tests: the Electron-security suite checks the CSP of the built page too.
const built = step('build', 'npm', ['run', '--silent', 'build']);
const motoPython = ensureMoto();
if (motoPython) process.env.MOTO_PYTHON = motoPython;
step('unit + integration', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(results, 'vitest.json')}`,
]);
countVitest(readJson(join(results, 'vitest.json')));

if (!built) {
  skipStep('end-to-end', 'not run: the build failed');
} else if (!ensureChromium()) {
  skipStep('end-to-end', 'not run: no Chromium (see above)');
} else {
  // Electron needs a display on Linux; give it a virtual one when there is none.
  const headlessLinux =
    process.platform === 'linux' && !process.env.DISPLAY && existsSync('/usr/bin/xvfb-run');
  const [command, args] = headlessLinux
    ? ['xvfb-run', ['-a', bin('playwright'), 'test']]
    : [bin('playwright'), ['test']];
  step('end-to-end', command, args);
  countPlaywright(readJson(join(results, 'playwright.json')));
}

console.log('\n━━ Summary ━━');
for (const { name, ok, skipped, seconds, note } of steps) {
  console.log(`${skipped ? '○' : ok ? '✓' : '✗'} ${name.padEnd(20)} ${note ?? `${seconds.toFixed(1)} s`}`);
}
// The reliability suite's figures (test/reliability/support/tally.ts), for the README.
const tallies = join(results, 'reliability');
if (existsSync(tallies)) {
  const lines = readdirSync(tallies)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readJson(join(tallies, file)))
    .filter((tally) => tally && typeof tally.summary === 'string');
  if (lines.length > 0) {
    console.log('\nReliability:');
    for (const tally of lines) console.log(`  - ${tally.suite}: ${tally.summary}`);
  }
}
if (skips.length > 0) {
  console.log('\nSkipped tests, and why:');
  for (const line of skips) console.log(`  - ${line}`);
}
const allOk = steps.every((s) => s.ok) && counts.failed === 0;
console.log(`\n${allOk ? 'PASS' : 'FAIL'}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(allOk ? 0 : 1);
