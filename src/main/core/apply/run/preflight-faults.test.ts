import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  CALLER_ARN,
  CELL,
  FakeCloudFormation,
  fakeClients,
  fakePreflight,
  fakeReview,
  MemoryStore,
  settle,
  TrackingStore,
  updateOf,
} from '../../../../../test/support/apply-fakes';
import type { PreflightReport } from '../../../../shared/apply/preflight';
import { createMemoryLogger } from '../../log/logger';
import { ManualTimers } from '../../refresh/timers';
import { ApplyRunner } from './apply-runner';
import type { ApplyPorts } from './run-ports';

/**
 * A preflight check that failed because AWS could not be asked is not a verdict on the update:
 * the run tries the checks again (AWS out of reach, throttled) or pauses for new credentials,
 * and never ends "blocked" for it.
 */

let timers: ManualTimers;
let fake: FakeCloudFormation;
let store: TrackingStore;
let runner: ApplyRunner;

/** The real fake preflight, with its stack-state check failing the first `times` runs with `code`. */
function flaky(code: string, times: number): { port: ApplyPorts['runPreflight']; runs: () => number } {
  const real = fakePreflight(fake);
  let runs = 0;
  return {
    runs: () => runs,
    port: async (clients, input, options) => {
      runs += 1;
      const report = await real(clients, input, options);
      if (runs > times) return report;
      const checks: PreflightReport['checks'] = report.checks.map((check) =>
        check.id === 'stack-state'
          ? {
              ...check,
              outcome: 'blocking',
              reason: 'Can’t reach CloudFormation in eu-central-1 (ECONNRESET).',
              fix: 'Check the network, then try again.',
              errorCode: code,
            }
          : check,
      );
      return { ...report, checks };
    },
  };
}

function open(runPreflight: ApplyPorts['runPreflight']): void {
  runner = ApplyRunner.open({
    journal: store,
    clientsFor: () => fakeClients(),
    readTemplate: async (_id, kind) => `{"Resources":{"${kind}":{"Type":"AWS::SNS::Topic"}}}`,
    logger: createMemoryLogger(),
    timers,
    ports: { runPreflight, readChangeSetReview: fakeReview(2) },
    identify: async () => ({ account: ACCOUNT, arn: CALLER_ARN }),
    randomHex: () => 'c0ffee',
  });
}

async function start(): Promise<string> {
  const view = await runner.start({
    cell: CELL,
    identity: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(['role']),
  });
  return view.id;
}

beforeEach(() => {
  timers = new ManualTimers(Date.parse('2026-03-02T09:00:00.000Z'));
  fake = new FakeCloudFormation(() => timers.now());
  store = new TrackingStore(new MemoryStore());
});

afterEach(() => {
  runner?.dispose();
  fake.restore();
});

describe('main/core/apply/run preflight faults', () => {
  it('tries the checks again when AWS was out of reach, and goes on once it answers', async () => {
    const preflight = flaky('offline', 2);
    open(preflight.port);
    const view = await settle(runner, await start(), timers, store);
    expect(preflight.runs()).toBe(3);
    expect(view.status).toBe('waiting');
    expect(view.outcome).toBeUndefined();
    expect(view.stacks[0]?.phase).not.toBe('blocked');
  });

  it('pauses, not blocks, when AWS stays out of reach, and checks again on resume', async () => {
    const preflight = flaky('throttled', 100);
    open(preflight.port);
    const id = await start();
    const paused = await settle(runner, id, timers, store);
    expect(paused.status).toBe('paused');
    expect(paused.awaiting).toMatchObject({ kind: 'resume', reason: { code: 'throttled' } });
    expect(paused.stacks[0]?.phase).toBe('preflight');
    const before = preflight.runs();
    await runner.resume(id);
    await settle(runner, id, timers, store);
    expect(preflight.runs()).toBeGreaterThan(before);
  });

  it('pauses at once for expired credentials, saying how to sign in again', async () => {
    const preflight = flaky('sso-expired', 1);
    open(preflight.port);
    const id = await start();
    const paused = await settle(runner, id, timers, store);
    expect(preflight.runs()).toBe(1);
    expect(paused.status).toBe('paused');
    expect(paused.error?.code).toBe('sso-expired');
    await runner.resume(id);
    const resumed = await settle(runner, id, timers, store);
    expect(resumed.status).toBe('waiting');
    expect(resumed.stacks[0]?.phase).not.toBe('blocked');
  });

  it('still blocks on a check that failed for a reason of its own', async () => {
    open(
      fakePreflight(fake, {
        'gitpod-role': {
          blocking: {
            id: 'template-valid',
            title: 'Template',
            reason: 'Unresolved resource dependencies [X].',
          },
        },
      }),
    );
    const view = await settle(runner, await start(), timers, store);
    expect(view.outcome).toBe('blocked');
  });
});
