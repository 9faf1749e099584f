/**
 * Detection delay (issue 7): from a vendor change set appearing on the instance stack to the
 * pending update being in the UpdatesService's state (what the tray and the Updates view show).
 * (a) At default settings, on simulated time: change sets appear at seeded-random moments of the
 *     refresh interval and wait for the next scheduled refresh; the mean is in simulated ms.
 * (b) After a tray-open refresh: real ms from the trigger to the update being in the state.
 */
import { performance } from 'node:perf_hooks';
import { ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/main/core/aws/clients';
import { ManualTimers } from '../../src/main/core/refresh/timers';
import type { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import type { UpdatesState } from '../../src/shared/updates/pending-update';
import { type BenchRow, median, percentile, recordBench, round } from '../support/record';
import { advance, type BenchCore, openBenchCore } from './support/bench-core';
import { seededRandom } from './support/random';
import {
  type BenchCell,
  type BenchEndpoint,
  seedBenchCells,
  startBenchEndpoint,
} from './support/seeded-cells';
import { Vendor } from './support/vendor';

const MINUTE = 60_000;
const SCHEDULED_SAMPLES = 12;
const TRAY_OPEN_SAMPLES = 9;
/** The scheduler starts at most one refresh per 30 s; a tray-open inside that window waits. */
const PAST_COALESCE_WINDOW_MS = 31_000;

let endpoint: BenchEndpoint;
let cell: BenchCell;
let vendor: Vendor;
let timers: ManualTimers;
let core: BenchCore;

beforeAll(async () => {
  endpoint = await startBenchEndpoint();
  [cell] = (await seedBenchCells(endpoint.moto, 1)) as [BenchCell];
  vendor = new Vendor(endpoint.moto.endpoint, cell);
  timers = new ManualTimers(Date.now());
  core = await openBenchCore({ cells: [cell], endpoint: endpoint.proxy.endpoint, timers });
  core.runtime.start();
  await advance(timers, core.runtime, 0);
});

afterAll(async () => {
  core?.dispose();
  await core?.removeDir();
  vendor?.destroy();
  await endpoint?.close();
});

function isPending(state: UpdatesState, changeSetId: string): boolean {
  return state.cells.some((c) =>
    c.pending.some((update) => update.stacks.some((stack) => stack.changeSetId === changeSetId)),
  );
}

/** Resolves with `clock()` at the moment the change set is first pending in the updates state. */
function whenPending(runtime: CoreRuntime, changeSetId: string, clock: () => number): Promise<number> {
  return new Promise((resolve) => {
    const unsubscribe = runtime.updates.subscribe((state) => {
      if (!isPending(state, changeSetId)) return;
      unsubscribe();
      resolve(clock());
    });
  });
}

/**
 * (a): the change set appears at a random moment of the interval; the next refresh finds it.
 * The moments are jittered strata (one random moment in each equal slice of the interval), so a
 * dozen samples give a mean close to the true one (each CreateChangeSet costs moto ~0.5 s).
 */
async function scheduledDelays(): Promise<number[]> {
  const { runtime } = core;
  const intervalMs = runtime.settings.monitoring().refreshIntervalMinutes * MINUTE;
  const random = seededRandom(7);
  const delays: number[] = [];
  for (let sample = 0; sample < SCHEDULED_SAMPLES; sample += 1) {
    const lastStart = runtime.scheduler.state().lastStartedAt ?? timers.now();
    let appearAt = lastStart + Math.floor(((sample + random()) / SCHEDULED_SAMPLES) * intervalMs);
    while (appearAt <= timers.now()) appearAt += intervalMs;
    await advance(timers, runtime, appearAt - timers.now());

    const changeSetId = await vendor.createChangeSet(`scheduled-${sample}`);
    const appeared = timers.now();
    let detectedAt: number | null = null;
    void whenPending(runtime, changeSetId, () => timers.now()).then((at) => {
      detectedAt = at;
    });
    // From refresh to refresh as the scheduler plans them; two at most, since the first one
    // after the change set appeared must find it.
    for (let refreshes = 0; detectedAt === null && refreshes < 2; refreshes += 1) {
      const next = runtime.scheduler.state().nextRefreshAt ?? timers.now() + intervalMs;
      await advance(timers, runtime, next - timers.now());
    }
    if (detectedAt === null) throw new Error(`change set ${sample} was not detected by the next refresh`);
    delays.push((detectedAt as number) - appeared);
    await vendor.deleteChangeSet(changeSetId);
  }
  return delays;
}

/** (b): the admin opens the tray right after the change set appeared. */
async function trayOpenDelays(): Promise<number[]> {
  const { runtime } = core;
  const delays: number[] = [];
  for (let sample = 0; sample < TRAY_OPEN_SAMPLES; sample += 1) {
    await advance(timers, runtime, PAST_COALESCE_WINDOW_MS);
    const changeSetId = await vendor.createChangeSet(`tray-open-${sample}`);
    const detected = whenPending(runtime, changeSetId, () => performance.now());
    const opened = performance.now();
    runtime.trigger('tray-open');
    delays.push((await detected) - opened);
    await advance(timers, runtime, 0);
    await vendor.deleteChangeSet(changeSetId);
  }
  return delays;
}

/** The least a refresh must do to see a change set: one ListChangeSets round trip, same endpoint. */
async function bareListChangeSets(samples: number): Promise<number[]> {
  const clients = createAwsClients({
    region: cell.draft.region,
    endpoint: endpoint.proxy.endpoint,
    credentials: cell.credentials,
  });
  try {
    const times: number[] = [];
    for (let i = 0; i <= samples; i += 1) {
      const started = performance.now();
      await clients.cloudFormation.send(
        new ListChangeSetsCommand({ StackName: cell.seeded.instanceStackId }),
      );
      if (i > 0) times.push(performance.now() - started); // the first one opens the connection
    }
    return times;
  } finally {
    clients.destroy();
  }
}

describe('bench/node/detection', () => {
  it('measures how soon a vendor change set is a pending update, on schedule and after a tray-open', async () => {
    const intervalMinutes = core.runtime.settings.monitoring().refreshIntervalMinutes;
    expect(intervalMinutes).toBe(15);
    const scheduled = await scheduledDelays();
    const trayOpen = await trayOpenDelays();
    const bare = await bareListChangeSets(TRAY_OPEN_SAMPLES);
    expect(scheduled).toHaveLength(SCHEDULED_SAMPLES);
    expect(core.logger.counts.error).toBe(0);

    const mean = scheduled.reduce((sum, delay) => sum + delay, 0) / scheduled.length;
    const trayMedian = median(trayOpen);
    const rows: BenchRow[] = [
      {
        name: `Detection delay at default settings (mean of ${SCHEDULED_SAMPLES}, simulated)`,
        value: Math.round(mean),
        unit: 'ms',
      },
      { name: '  worst of those', value: Math.max(...scheduled), unit: 'ms' },
      {
        name: `Detection after a tray-open refresh (median of ${TRAY_OPEN_SAMPLES})`,
        value: round(trayMedian, 1),
        unit: 'ms',
        baseline: round(median(bare), 1),
      },
      { name: '  p95 of those', value: round(percentile(trayOpen, 95), 1), unit: 'ms' },
    ];
    recordBench({
      group: 'detection',
      figures: {
        detectionDelayMs: Math.round(mean),
        detectionAfterRefreshMs: round(trayMedian, 1),
      },
      rows,
      method:
        `CoreRuntime with one moto cell at default settings (refresh every ${intervalMinutes} min): change ` +
        `sets created at seeded-random moments, one in each of ${SCHEDULED_SAMPLES} equal slices of the interval; delay until the next refresh puts them in ` +
        `the updates state (simulated ms; expected about half the interval). Tray-open: real ms from ` +
        `trigger('tray-open') to the same; baseline one bare ListChangeSets round trip.`,
    });
  });
});
