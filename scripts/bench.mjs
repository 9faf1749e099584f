#!/usr/bin/env node
/**
 * `npm run bench`: builds the app, runs the Node benchmarks (vitest, bench/vitest.bench.config.ts)
 * and the browser ones (Playwright's `bench` project, when bench/browser has specs), then merges
 * what each wrote to bench/.partial/ (see bench/support/record.ts) into bench/results.json and
 * prints one table. Exits non-zero when a step failed or a figure the issue asks for is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureDependencies, ensureMoto } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const partialDir = join(root, 'bench', '.partial');
const browserDir = join(root, 'bench', 'browser');
const resultsPath = join(root, 'bench', 'results.json');

/** The figures issue 7 asks for; the run fails without any of them. */
const REQUIRED = [
  'idleCallsPerCellHour',
  'naiveIdleCallsPerCellHour',
  'detectionDelayMs',
  'eventToScreenP50Ms',
  'eventToScreenP95Ms',
  'describeStackEventsPerMinute',
  'review2000RenderMs',
  'templateDiff1MbMs',
  'rendererJsGzipKb',
  'coreStartMs',
  'idleDayRssGrowthMb',
];
/** Groups print in the issue's order; any other group follows, alphabetically. */
const GROUP_ORDER = ['idle-cost', 'detection', 'live-monitoring', 'review', 'templates', 'footprint'];

const steps = [];

function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}

function step(name, command, args, env = {}) {
  console.log(`\n━━ ${name} ━━ ${[command, ...args].map((a) => a.replace(root, '.')).join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function skipStep(name, reason) {
  steps.push({ name, ok: false, seconds: 0, note: reason });
}

function hasBrowserSpecs() {
  if (!existsSync(browserDir)) return false;
  return readdirSync(browserDir, { recursive: true }).some((file) =>
    /\.(spec|test|bench)\.[cm]?[jt]sx?$/.test(String(file)),
  );
}

/** Every group a bench wrote; a malformed file is reported and left out, never guessed at. */
function readGroups() {
  if (!existsSync(partialDir)) return [];
  const groups = [];
  for (const file of readdirSync(partialDir).filter((name) => name.endsWith('.json'))) {
    try {
      const group = JSON.parse(readFileSync(join(partialDir, file), 'utf8'));
      const valid =
        typeof group.group === 'string' &&
        group.figures &&
        typeof group.figures === 'object' &&
        Object.values(group.figures).every((value) => typeof value === 'number') &&
        Array.isArray(group.rows);
      if (!valid) throw new Error('not a BenchGroup (group, figures of numbers, rows)');
      groups.push(group);
    } catch (error) {
      console.error(`✗ bench/.partial/${file}: ${error.message}`);
    }
  }
  const rank = (name) => {
    const index = GROUP_ORDER.indexOf(name);
    return index < 0 ? GROUP_ORDER.length : index;
  };
  return groups.sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group));
}

function mergeFigures(groups) {
  const figures = {};
  for (const { group, figures: own } of groups) {
    for (const [key, value] of Object.entries(own)) {
      if (key in figures) console.error(`! ${key} is reported twice; ${group}'s value is kept`);
      figures[key] = value;
    }
  }
  return figures;
}

function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === undefined ? '' : String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** value ÷ baseline, with two significant digits: 0.017× is 60 times less than the baseline. */
function ratio(value, baseline) {
  if (typeof baseline !== 'number' || baseline === 0 || !Number.isFinite(value)) return '';
  return `${Number((value / baseline).toPrecision(2))}×`;
}

function printTable(groups) {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'goal', 'met'];
  const lines = [];
  for (const { group, rows } of groups) {
    lines.push({ heading: group });
    for (const row of rows) {
      lines.push({
        cells: [
          row.name,
          formatNumber(row.value),
          row.unit ?? '',
          formatNumber(row.baseline),
          ratio(row.value, row.baseline),
          row.goal ?? '',
          row.met === undefined ? '' : row.met ? '✓' : '✗',
        ],
      });
    }
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.filter((line) => line.cells).map((line) => line.cells[column].length)),
  );
  const numeric = new Set([1, 3, 4]);
  const render = (cells) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const total = widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
  console.log(`\n${render(header)}\n${'─'.repeat(total)}`);
  for (const line of lines) {
    console.log(
      line.heading
        ? `── ${line.heading} ${'─'.repeat(Math.max(0, total - line.heading.length - 4))}`
        : render(line.cells),
    );
  }
  console.log('\nHow each group was measured:');
  for (const { group, method } of groups) if (method) console.log(`  ${group}: ${method}`);
}

if (!ensureDependencies()) {
  console.error('✗ npm dependencies could not be installed; nothing was measured.');
  process.exit(1);
}
const motoPython = ensureMoto();
if (motoPython) process.env.MOTO_PYTHON = motoPython;
rmSync(partialDir, { recursive: true, force: true });
mkdirSync(partialDir, { recursive: true });

const built = step('build', 'npm', ['run', '--silent', 'build']);
// The node benches run even without a build: only the renderer size needs it, and its figure
// is then reported missing.
if (!motoPython) skipStep('node benches', 'not run: moto could not be installed (see above)');
else step('node benches', bin('vitest'), ['run', '--config', 'bench/vitest.bench.config.ts']);

if (!hasBrowserSpecs()) {
  skipStep('browser benches', 'not run: bench/browser has no specs');
} else if (!built) {
  skipStep('browser benches', 'not run: the build failed');
} else if (!ensureChromium()) {
  skipStep('browser benches', 'not run: no Chromium (see above)');
} else {
  // Chromium wants a display on Linux; give it a virtual one when there is none.
  const headlessLinux =
    process.platform === 'linux' && !process.env.DISPLAY && existsSync('/usr/bin/xvfb-run');
  const args = ['test', '--project=bench'];
  const [command, commandArgs] = headlessLinux
    ? ['xvfb-run', ['-a', bin('playwright'), ...args]]
    : [bin('playwright'), args];
  step('browser benches', command, commandArgs, { BENCH: '1' });
}

const groups = readGroups();
const figures = mergeFigures(groups);
const cpuList = cpus();
const results = {
  measuredAt: new Date().toISOString(),
  machine: {
    cpus: cpuList.length,
    model: cpuList[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  figures,
  groups,
};
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);

printTable(groups);
console.log('\n━━ Summary ━━');
for (const { name, ok, seconds, note } of steps) {
  console.log(`${ok ? '✓' : '✗'} ${name.padEnd(16)} ${note ?? `${seconds.toFixed(1)} s`}`);
}
const missing = REQUIRED.filter((key) => typeof figures[key] !== 'number');
if (missing.length > 0) console.error(`\n✗ Missing figures: ${missing.join(', ')}`);
console.log(`\nWrote ${resultsPath.replace(`${root}/`, '')} (${Object.keys(figures).length} figures).`);
// A step not run (it has a note) shows as the figures it would have given being missing.
const ok = missing.length === 0 && steps.every((s) => s.ok || s.note);
process.exit(ok ? 0 : 1);
