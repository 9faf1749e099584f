/**
 * Idle cost (issue 7): AWS calls per cell per hour at default settings, counted at the endpoint,
 * for 1, 5 and 20 cells, side by side with a naive poller on the same endpoint. The hour is
 * simulated (ManualTimers); every call in it is a real HTTP request to moto through the fault
 * proxy. The headline hour is a steady one, (0, 60 min] after start; the first hour from start,
 * whose first refresh also asks STS who the caller is and reads each stack's template once, is
 * counted on its own rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/main/core/aws/clients';
import { ManualTimers } from '../../src/main/core/refresh/timers';
import type { ProxiedCall } from '../../test/support/fault-proxy';
import { type BenchRow, recordBench, round } from '../support/record';
import { advance, openBenchCore } from './support/bench-core';
import { NAIVE_INTERVAL_MS, NaivePoller } from './support/naive-poller';
import {
  type BenchCell,
  type BenchEndpoint,
  seedBenchCells,
  startBenchEndpoint,
} from './support/seeded-cells';

const HOUR = 3_600_000;
const CELL_COUNTS = [1, 5, 20] as const;
const GOAL_PER_CELL_HOUR = 12;

let endpoint: BenchEndpoint;
let cells: BenchCell[];

beforeAll(async () => {
  endpoint = await startBenchEndpoint();
  cells = await seedBenchCells(endpoint.moto, Math.max(...CELL_COUNTS));
});

afterAll(async () => {
  await endpoint?.close();
});

interface HourCount {
  /** The first refresh, at start. */
  readonly startupCalls: number;
  /** The first hour from start, [0, 60 min): the start and the refreshes at 15, 30 and 45 min. */
  readonly firstHourCalls: number;
  /** A steady hour, (0, 60 min]: the refreshes at 15, 30, 45 and 60 min. */
  readonly hourCalls: readonly ProxiedCall[];
}

/** The app's core at default settings: its start, then one simulated hour. */
async function appHour(subset: readonly BenchCell[]): Promise<HourCount> {
  const timers = new ManualTimers(Date.now());
  const core = await openBenchCore({ cells: subset, endpoint: endpoint.proxy.endpoint, timers });
  try {
    expect(core.runtime.settings.monitoring().refreshIntervalMinutes).toBe(15);
    endpoint.proxy.clear();
    core.runtime.start();
    await advance(timers, core.runtime, 0);
    const startupCalls = endpoint.proxy.calls.length;
    endpoint.proxy.clear();
    await advance(timers, core.runtime, HOUR - 1);
    const beforeTheHour = endpoint.proxy.calls.length;
    await advance(timers, core.runtime, 1);
    const hourCalls = [...endpoint.proxy.calls];
    // Sanity: every cell was checked and found healthy, so the count is of real refreshes.
    expect(core.runtime.status.snapshot().cells.map((cell) => cell.state)).toEqual(subset.map(() => 'ok'));
    expect(core.logger.counts.error).toBe(0);
    return { startupCalls, firstHourCalls: startupCalls + beforeTheHour, hourCalls };
  } finally {
    core.dispose();
    await core.removeDir();
  }
}

/** The naive poller over the same simulated hour, after its own first poll. */
async function naiveHour(subset: readonly BenchCell[]): Promise<number> {
  const timers = new ManualTimers(Date.now());
  const clients = subset.map((cell) =>
    createAwsClients({
      region: cell.draft.region,
      endpoint: endpoint.proxy.endpoint,
      credentials: cell.credentials,
    }),
  );
  const poller = new NaivePoller(
    subset.flatMap((cell, index) => {
      const cloudFormation = clients[index]?.cloudFormation;
      if (!cloudFormation) throw new Error('no client');
      return [cell.draft.roleStack, cell.draft.instanceStack].map((stackName) => ({
        cloudFormation,
        stackName: stackName ?? '',
      }));
    }),
    timers,
  );
  try {
    poller.start();
    await poller.idle();
    endpoint.proxy.clear();
    await timers.advance(HOUR, () => poller.idle());
    const calls = endpoint.proxy.calls;
    expect(calls.every((call) => call.status === 200)).toBe(true);
    return calls.length;
  } finally {
    poller.stop();
    for (const set of clients) set.destroy();
  }
}

function byAction(calls: readonly ProxiedCall[], cellCount: number): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.action, (counts.get(call.action) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, count]) => `${action} ${round(count / cellCount, 1)}`)
    .join(', ');
}

describe('bench/node/idle-cost', () => {
  it('counts the AWS calls per cell per hour of the app and of a naive 30 s poller', async () => {
    const rows: BenchRow[] = [];
    const perCell: number[] = [];
    const naivePerCell: number[] = [];
    const mixes: string[] = [];
    for (const count of CELL_COUNTS) {
      const subset = cells.slice(0, count);
      const app = await appHour(subset);
      const naive = await naiveHour(subset);
      const appRate = app.hourCalls.length / count;
      const naiveRate = naive / count;
      expect(appRate).toBeGreaterThan(0);
      perCell.push(appRate);
      naivePerCell.push(naiveRate);
      mixes.push(`${count} cell${count === 1 ? '' : 's'}: ${byAction(app.hourCalls, count)}`);
      rows.push({
        name: `AWS calls per cell per hour (${count} cell${count === 1 ? '' : 's'})`,
        value: round(appRate, 1),
        unit: 'calls',
        baseline: round(naiveRate, 1),
        goal: `≤ ${GOAL_PER_CELL_HOUR}`,
        met: appRate <= GOAL_PER_CELL_HOUR,
      });
      rows.push({
        name: `  first hour from start, per cell (${count})`,
        value: round(app.firstHourCalls / count, 1),
        unit: 'calls',
      });
      rows.push({
        name: `  of which the first refresh, per cell (${count})`,
        value: round(app.startupCalls / count, 1),
        unit: 'calls',
      });
    }
    const worst = Math.max(...perCell);
    recordBench({
      group: 'idle-cost',
      figures: {
        idleCallsPerCellHour: round(worst, 1),
        naiveIdleCallsPerCellHour: round(Math.max(...naivePerCell), 1),
      },
      rows,
      method:
        `CoreRuntime at default settings (refresh every 15 min) over one simulated steady hour, ` +
        `calls counted at the fault proxy in front of moto; each cell in its own account. ` +
        `idleCallsPerCellHour is the worst of 1/5/20 cells. Per cell and hour: ${mixes.join('; ')}. ` +
        `Baseline: a poller doing DescribeStacks + GetTemplate + ListChangeSets per stack every ` +
        `${NAIVE_INTERVAL_MS / 1000} s.`,
    });
  });
});
