/**
 * The fault matrix (issue 7), status-refresh phase: the app's core (CoreRuntime with the app's
 * CellChecker and clients) checks a seeded cell in moto, through the fault proxy, while a vendor
 * change set waits on its role stack. Each case refreshes once with nothing wrong, once with the
 * fault armed, and once after it cleared.
 *
 * For every case the faulted refresh either shows nothing (the SDK's retries absorbed the fault)
 * or reports an AppError with a next step; it never shows a stack status moto does not have, the
 * pending update as gone or applied, or a failed check as fine; and the refresh after the fault
 * matches moto again. A refresh never calls anything that changes AWS.
 *
 * The endpoint's minute-long outage runs on the app's refresh scheduler with its clock at
 * TIME_SCALE (ScaledTimers): the outage lasts a minute of the app's time (2 s real), the
 * scheduler's 30 s coalescing and 1-minute backoff take 1 s and 2 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COALESCE_MS } from '../../src/main/core/refresh/refresh-scheduler';
import { appErrorSchema } from '../../src/shared/errors';
import { armFault, FAULTS, type FaultId, STATUS_TIMING, TIME_SCALE } from './support/fault-cases';
import { ScaledTimers } from './support/scaled-timers';
import {
  contradictions,
  motoStatuses,
  openStatusApp,
  type StatusWorld,
  shownBy,
  startStatusWorld,
} from './support/status-world';
import { recordTally } from './support/tally';

interface StatusCase {
  /** The call the fault hits. */
  readonly action: string;
  readonly fault: FaultId;
  /** Calls of `action` one refresh makes at the same time (ListChangeSets: one per stack). */
  readonly concurrent?: number;
  /** 'first': the fault meets the app's first check, before it ever saw the cell. */
  readonly when?: 'after-good' | 'first';
  /** Forget the cached templates first, so the refresh reads them again (as after an update). */
  readonly rereadTemplates?: true;
  /** Absent: the refresh shows no error. Else the AppError it reports. */
  readonly reports?: { readonly code: string; readonly nextStep: RegExp; readonly stacksShown?: true };
}

const EXPIRED = { code: 'credentials-rejected', nextStep: /aws sso login --profile acme/ } as const;
const OFFLINE = { code: 'offline', nextStep: /endpoint .* is running|network connection/ } as const;

const CASES: readonly StatusCase[] = [
  { action: 'DescribeStacks', fault: 'throttle' },
  {
    action: 'DescribeStacks',
    fault: 'throttle-persistent',
    reports: { code: 'throttled', nextStep: /backs off and tries again/ },
  },
  { action: 'DescribeStacks', fault: 'server-error' },
  {
    action: 'DescribeStacks',
    fault: 'server-error-persistent',
    reports: { code: 'aws-error', nextStep: /request id/ },
  },
  { action: 'DescribeStacks', fault: 'reset' },
  { action: 'DescribeStacks', fault: 'reset-persistent', reports: OFFLINE },
  { action: 'DescribeStacks', fault: 'timeout' },
  { action: 'DescribeStacks', fault: 'timeout-persistent', reports: OFFLINE },
  { action: 'DescribeStacks', fault: 'expired-token', reports: EXPIRED },
  { action: 'ListChangeSets', fault: 'reset', concurrent: 2 },
  {
    action: 'ListChangeSets',
    fault: 'server-error-persistent',
    concurrent: 2,
    reports: { code: 'aws-error', nextStep: /request id/, stacksShown: true },
  },
  { action: 'ListChangeSets', fault: 'expired-token', reports: { ...EXPIRED, stacksShown: true } },
  { action: 'GetTemplate', fault: 'reset', rereadTemplates: true },
  {
    action: 'GetTemplate',
    fault: 'server-error-persistent',
    rereadTemplates: true,
    reports: { code: 'aws-error', nextStep: /request id/ },
  },
  { action: 'GetTemplate', fault: 'expired-token', rereadTemplates: true, reports: EXPIRED },
  { action: 'GetCallerIdentity', fault: 'expired-token', when: 'first', reports: EXPIRED },
  { action: 'GetCallerIdentity', fault: 'reset-persistent', when: 'first', reports: OFFLINE },
];

const REGION = 'eu-central-1';
const MUTATING = /^(Create|Execute|Delete)ChangeSet$|^(Update|Create|Delete)Stack$|^ContinueUpdateRollback$/;

let world: StatusWorld;
let truth: Map<string, string>;
const tally = {
  faultsTried: 0,
  recovered: 0,
  reportedClearly: 0,
  wrongStatusShown: 0,
  repeatedMutatingCalls: 0,
};

beforeAll(async () => {
  world = await startStatusWorld(REGION);
  truth = await motoStatuses(world);
}, 120_000);

afterAll(async () => {
  recordTally('fault-matrix-status', {
    suite: 'Fault matrix: status refresh',
    counts: tally,
    summary:
      `${tally.faultsTried} faults during status refreshes against moto: ${tally.recovered} absorbed by retries, ` +
      `${tally.reportedClearly} reported with a next step, ${tally.wrongStatusShown} wrong statuses shown; ` +
      'every refresh after the fault matched moto.',
  });
  await world?.stop();
}, 60_000);

function caseName(c: StatusCase): string {
  const outcome = c.reports ? `reported as ${c.reports.code}` : 'absorbed';
  const first = c.when === 'first' ? ' at the first check' : '';
  return `status · ${FAULTS[c.fault].title} on ${c.action}${first}: ${outcome}, no wrong status, the next refresh matches moto`;
}

describe('test/reliability/fault-matrix-status', () => {
  for (const c of CASES) {
    it(caseName(c), async () => {
      const spec = FAULTS[c.fault];
      const rule = spec.rule?.(c.action, STATUS_TIMING);
      if (!rule) throw new Error(`${c.fault} is not a per-call fault`);
      const timers = new ScaledTimers(TIME_SCALE);
      const app = await openStatusApp(world, timers);
      const { runtime } = app;
      tally.faultsTried += 1;
      try {
        world.proxy.clear();
        const updateKnown = c.when !== 'first';
        if (updateKnown) {
          await runtime.checkNow();
          const good = shownBy(app, world.cell.id);
          expect(good.errors).toEqual([]);
          expect(contradictions(good, truth, { updateKnown })).toEqual([]);
        }
        if (c.rereadTemplates) app.checker.forget(world.cell.id);

        world.proxy.inject({ ...rule, times: rule.times * (c.concurrent ?? 1) });
        await runtime.checkNow();
        const faulted = shownBy(app, world.cell.id);
        const faultedCalls = (): number =>
          world.proxy.calls.filter((call) => call.action === c.action && call.fault !== undefined).length;
        // A held ('slow') request is recorded once moto has answered it, after the client gave up.
        await expect.poll(faultedCalls, { timeout: 20_000 }).toBe(rule.times * (c.concurrent ?? 1));
        const calls = [...world.proxy.calls];

        const wrong = contradictions(faulted, truth, { updateKnown });
        tally.wrongStatusShown += wrong.length;
        expect(wrong).toEqual([]);
        const mutating = calls.filter((call) => MUTATING.test(call.action)).length;
        tally.repeatedMutatingCalls += mutating;
        expect(mutating).toBe(0);
        if (c.reports) {
          // One error, or one per stack when each carries its own request id.
          expect(faulted.errors.length).toBeGreaterThanOrEqual(1);
          for (const reported of faulted.errors) {
            expect(appErrorSchema.parse(reported)).toEqual(reported);
            expect(reported).toMatchObject({
              code: c.reports.code,
              nextStep: expect.stringMatching(c.reports.nextStep),
            });
          }
          const [error] = faulted.errors;
          // An error about one call names that call, not another one of the refresh.
          const service = c.action === 'GetCallerIdentity' ? 'sts' : 'cloudformation';
          if (c.reports.code !== EXPIRED.code) expect(error?.message).toContain(`${service}:${c.action}`);
          expect(faulted.check?.stacks ?? []).toHaveLength(c.reports.stacksShown ? truth.size : 0);
          expect(faulted.tray?.line).toContain(error?.message.slice(0, 60));
          tally.reportedClearly += 1;
        } else {
          expect(faulted.errors).toEqual([]);
          tally.recovered += 1;
        }

        // The fault gone, the next refresh shows moto's state again.
        world.proxy.clear();
        await runtime.checkNow();
        const after = shownBy(app, world.cell.id);
        expect(after.errors).toEqual([]);
        expect(contradictions(after, truth, { updateKnown: true })).toEqual([]);
        expect(after.tray?.line).toMatch(/^infrastructure update due in/);
      } finally {
        runtime.dispose();
      }
    }, 60_000);
  }

  it('status · the endpoint gone for a minute: the refresh in it reports offline, the scheduler backs off, and its next refresh matches moto', async () => {
    const timers = new ScaledTimers(TIME_SCALE);
    const app = await openStatusApp(world, timers);
    const { runtime } = app;
    const scheduler = () => runtime.scheduler.state();
    tally.faultsTried += 1;
    try {
      world.proxy.clear();
      runtime.start();
      await expect.poll(() => scheduler().lastSucceededAt !== undefined && !scheduler().running).toBe(true);
      expect(contradictions(shownBy(app, world.cell.id), truth, { updateKnown: true })).toEqual([]);

      // Past the 30 s in which the scheduler starts no second refresh, the endpoint goes away and
      // the admin opens the tray: a refresh at once, within the outage.
      const baselineAt = scheduler().lastStartedAt ?? 0;
      await expect.poll(() => timers.now() >= baselineAt + COALESCE_MS).toBe(true);
      const back = armFault(world.proxy, FAULTS.outage, 'DescribeStacks', STATUS_TIMING, timers);
      runtime.trigger('tray-open');
      await expect
        .poll(() => scheduler().consecutiveFailures === 1 && !scheduler().running, { timeout: 10_000 })
        .toBe(true);
      const during = shownBy(app, world.cell.id);
      const wrong = contradictions(during, truth, { updateKnown: true });
      tally.wrongStatusShown += wrong.length;
      expect(wrong).toEqual([]);
      expect(during.errors).toMatchObject([
        { code: 'offline', nextStep: expect.stringMatching(OFFLINE.nextStep) },
      ]);
      expect(during.tray?.line).toContain("Can't reach");
      const failedAt = scheduler().lastStartedAt ?? 0;
      // The scheduler's own retry, a minute later on the app's clock: no trigger needed.
      expect(scheduler().nextRefreshAt).toBe(failedAt + 60_000);
      tally.reportedClearly += 1;

      await back;
      await expect
        .poll(() => scheduler().consecutiveFailures === 0 && !scheduler().running, { timeout: 15_000 })
        .toBe(true);
      expect(scheduler().lastStartedAt).toBeGreaterThanOrEqual(failedAt + 60_000);
      const after = shownBy(app, world.cell.id);
      expect(after.errors).toEqual([]);
      expect(contradictions(after, truth, { updateKnown: true })).toEqual([]);
      expect(world.proxy.calls.filter((call) => MUTATING.test(call.action))).toEqual([]);
    } finally {
      runtime.dispose();
    }
  }, 60_000);
});
