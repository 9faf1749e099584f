/**
 * Footprint (issue 7): the renderer's JavaScript gzipped, the core's start to first status
 * against a local endpoint (moto), and the core's memory over an idle simulated day.
 */
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/main/core/aws/clients';
import { ManualTimers, systemTimers } from '../../src/main/core/refresh/timers';
import type { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import type { StatusSnapshot } from '../../src/shared/status';
import { type BenchRow, median, recordBench, round } from '../support/record';
import { advance, openBenchCore } from './support/bench-core';
import { rendererJsSize } from './support/renderer-size';
import {
  type BenchCell,
  type BenchEndpoint,
  seedBenchCells,
  startBenchEndpoint,
} from './support/seeded-cells';

const HOUR = 3_600_000;
const START_SAMPLES = 7;
const DAY_CELLS = 5;
const RENDERER_GOAL_KB = 300;
const MB = 1024 * 1024;

let endpoint: BenchEndpoint;
let cells: BenchCell[];
const figures: Record<string, number> = {};
const rows: BenchRow[] = [];
const notes: string[] = [];

beforeAll(async () => {
  endpoint = await startBenchEndpoint();
  cells = await seedBenchCells(endpoint.moto, DAY_CELLS);
});

afterAll(async () => {
  await endpoint?.close();
  recordBench({ group: 'footprint', figures, rows, method: notes.join(' ') });
});

/** Resolves with the first snapshot a completed refresh publishes (not a recomposition). */
function firstStatus(runtime: CoreRuntime): Promise<StatusSnapshot> {
  return new Promise((resolve) => {
    let checking = false;
    const unsubscribe = runtime.status.subscribe((snapshot) => {
      if (snapshot.checking) checking = true;
      else if (checking) {
        unsubscribe();
        resolve(snapshot);
      }
    });
  });
}

interface MemoryReading {
  readonly usage: NodeJS.MemoryUsage;
  /** Bytes used per V8 heap space (new, old, code…), to tell what grows. */
  readonly spaces: ReadonlyMap<string, number>;
}

function collectedMemory(): MemoryReading {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (bench/vitest.bench.config.ts sets it)');
  gc();
  gc();
  return {
    usage: process.memoryUsage(),
    spaces: new Map(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size])),
  };
}

/** The heap spaces that grew most between two readings, e.g. "old_space +0.41 MB". */
function grownSpaces(first: MemoryReading, last: MemoryReading): string {
  return [...last.spaces]
    .map(([name, used]) => ({ name, grown: used - (first.spaces.get(name) ?? 0) }))
    .sort((a, b) => b.grown - a.grown)
    .slice(0, 3)
    .map(({ name, grown }) => `${name} ${grown >= 0 ? '+' : ''}${round(grown / MB, 2)} MB`)
    .join(', ');
}

describe('bench/node/footprint', () => {
  it('sums the gzipped size of the built renderer JavaScript', () => {
    const size = rendererJsSize();
    const gzipKb = size.gzipBytes / 1024;
    figures.rendererJsGzipKb = round(gzipKb, 1);
    rows.push({
      name: `Renderer JavaScript, gzip -9 (${size.files} file${size.files === 1 ? '' : 's'})`,
      value: round(gzipKb, 1),
      unit: 'KB',
      baseline: round(size.rawBytes / 1024, 1),
      goal: `< ${RENDERER_GOAL_KB}`,
      met: gzipKb < RENDERER_GOAL_KB,
    });
    notes.push(
      'Renderer: every .js under out/renderer after the build, gzip level 9, baseline uncompressed.',
    );
  });

  it('times the core from construction to its first status, against moto', async () => {
    const [cell] = cells as [BenchCell];
    // The cell is saved once, as the admin's settings would hold it; each start reads them.
    const setup = await openBenchCore({
      cells: [cell],
      endpoint: endpoint.moto.endpoint,
      timers: systemTimers,
    });
    setup.dispose();
    const starts: number[] = [];
    try {
      for (let sample = 0; sample <= START_SAMPLES; sample += 1) {
        const began = performance.now();
        const core = await openBenchCore({
          cells: [cell],
          endpoint: endpoint.moto.endpoint,
          timers: systemTimers,
          dir: setup.dir,
        });
        const first = firstStatus(core.runtime);
        core.runtime.start();
        const snapshot = await first;
        const took = performance.now() - began;
        core.dispose();
        expect(snapshot.cells).toEqual([expect.objectContaining({ name: cell.draft.name, state: 'ok' })]);
        if (sample > 0) starts.push(took); // the first start also loads code paths once
      }
    } finally {
      await setup.removeDir();
    }
    const bare: number[] = [];
    for (let sample = 0; sample <= START_SAMPLES; sample += 1) {
      const clients = createAwsClients({
        region: cell.draft.region,
        endpoint: endpoint.moto.endpoint,
        credentials: cell.credentials,
      });
      const began = performance.now();
      await clients.cloudFormation.send(new DescribeStacksCommand({}));
      if (sample > 0) bare.push(performance.now() - began);
      clients.destroy();
    }
    figures.coreStartMs = round(median(starts), 1);
    rows.push({
      name: `Core start to first status, 1 cell (median of ${START_SAMPLES})`,
      value: round(median(starts), 1),
      unit: 'ms',
      baseline: round(median(bare), 1),
    });
    notes.push(
      'Core start: CoreRuntime.open with one saved cell, start(), until the first refresh publishes its ' +
        'status (GetCallerIdentity, DescribeStacks, 2 GetTemplate, 2 ListChangeSets on fresh clients); ' +
        'baseline one DescribeStacks on a fresh client.',
    );
  });

  it('reads the memory of the core over an idle simulated day with 5 cells', async () => {
    const timers = new ManualTimers(Date.now());
    const core = await openBenchCore({ cells, endpoint: endpoint.moto.endpoint, timers });
    const hourly: MemoryReading[] = [];
    try {
      core.runtime.start();
      await advance(timers, core.runtime, 0);
      for (let hour = 1; hour <= 24; hour += 1) {
        await advance(timers, core.runtime, HOUR);
        hourly.push(collectedMemory());
      }
      expect(core.runtime.status.snapshot().cells.map((c) => c.state)).toEqual(cells.map(() => 'ok'));
      expect(core.logger.counts.error).toBe(0);
    } finally {
      core.dispose();
      await core.removeDir();
    }
    const first = hourly[0] as MemoryReading;
    const last = hourly[hourly.length - 1] as MemoryReading;
    const growth = (key: keyof NodeJS.MemoryUsage): number =>
      round((last.usage[key] - first.usage[key]) / MB, 2);
    figures.idleDayRssGrowthMb = growth('rss');
    figures.idleDayHeapGrowthMb = growth('heapUsed');
    rows.push(
      { name: `RSS growth, hour 1 → hour 24 (${DAY_CELLS} cells)`, value: growth('rss'), unit: 'MB' },
      { name: '  heapUsed growth', value: growth('heapUsed'), unit: 'MB' },
      { name: '  external growth (incl. array buffers)', value: growth('external'), unit: 'MB' },
      { name: '  RSS after hour 1', value: round(first.usage.rss / MB, 1), unit: 'MB' },
    );
    const heapTrend = [1, 6, 12, 18, 24].map(
      (h) => `${h}h ${round((hourly[h - 1]?.usage.heapUsed ?? 0) / MB, 2)}`,
    );
    notes.push(
      `Idle day: CoreRuntime with ${DAY_CELLS} moto cells on simulated time, 96 refreshes; memory after ` +
        `a forced GC at the end of each hour, growth from hour 1 to hour 24. heapUsed MB by hour: ` +
        `${heapTrend.join(', ')}; grown most: ${grownSpaces(first, last)}.`,
    );
  });
});
