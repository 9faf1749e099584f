/**
 * The fault matrix (issue 7), apply phases: change-set creation, execution and monitoring of a
 * guided apply, with the real ApplyRunner and the app's own AWS clients against moto through the
 * fault proxy. Each case arms one fault right before its phase's call (on the journal write that
 * announces it) and drives the run like the admin: acknowledge, confirm, and resume when paused.
 *
 * For every case: the run recovers by itself or pauses with an AppError that says what to do,
 * and ends `updated` after a resume; no view ever shows a stack status or outcome moto does not
 * have; CreateChangeSet and ExecuteChangeSet are carried out by moto once, or, when the SDK
 * re-sent a request whose reply timed out, every copy carried the same idempotency token (which
 * CloudFormation honours and moto ignores, see apply-world.ts); and at the end the run's outcome,
 * the stack status and the deployed template are what moto says.
 *
 * The app's own waits (retry backoff, monitor polls, the monitor's 60 s grace) run on ScaledTimers
 * at TIME_SCALE; the SDK, the proxy and moto run in real time.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/main/core/apply/journal/run-record';
import type { ApplyRunView } from '../../src/shared/apply/run';
import type { ProxiedCall } from '../support/fault-proxy';
import {
  type ApplyWorld,
  driveToEnd,
  type MotoTruth,
  motoTruth,
  ObservedJournal,
  openJournal,
  openRunner,
  type Release,
  removeUnexecuted,
  roleRelease,
  startApplyWorld,
} from './support/apply-world';
import { CallRecorder } from './support/call-recorder';
import {
  APPLY_TIMING,
  armFault,
  FAULTS,
  type FaultId,
  motoSucceeded,
  TIME_SCALE,
} from './support/fault-cases';
import { ScaledTimers } from './support/scaled-timers';
import { recordTally } from './support/tally';

type Phase = 'create' | 'execute' | 'monitor';

interface ApplyCase {
  readonly phase: Phase;
  /** The call the fault hits (the outage takes everything down). */
  readonly action: string;
  readonly fault: FaultId;
}

/** When a phase's call is next: the journal has just recorded the intent (or the execution's start). */
const PHASE_STARTS: Record<Phase, (record: RunRecord) => boolean> = {
  create: (r) => r.stacks[0]?.creates.length === 1 && r.stacks[0].creates[0]?.result === undefined,
  execute: (r) => r.stacks[0]?.execute !== undefined && r.stacks[0].execute.result === undefined,
  monitor: (r) => r.stacks[0]?.execute?.result?.outcome === 'started',
};

const EVERY_FAULT: readonly FaultId[] = [
  'throttle',
  'server-error',
  'server-error-persistent',
  'reset',
  'reset-persistent',
  'timeout',
  'expired-token',
  'outage',
];

const CASES: readonly ApplyCase[] = [
  ...EVERY_FAULT.map((fault) => ({ phase: 'create' as const, action: 'CreateChangeSet', fault })),
  ...EVERY_FAULT.map((fault) => ({ phase: 'execute' as const, action: 'ExecuteChangeSet', fault })),
  ...EVERY_FAULT.map((fault) => ({ phase: 'monitor' as const, action: 'DescribeStackEvents', fault })),
  ...(['server-error', 'server-error-persistent', 'reset', 'timeout', 'expired-token'] as const).map(
    (fault) => ({
      phase: 'monitor' as const,
      action: 'DescribeStacks',
      fault,
    }),
  ),
];

const REGION = 'eu-west-1';
const MUTATING = ['CreateChangeSet', 'ExecuteChangeSet'] as const;

let world: ApplyWorld;
const tally = {
  faultsTried: 0,
  recovered: 0,
  reportedClearly: 0,
  wrongStatusShown: 0,
  repeatedMutatingCalls: 0,
  /** Calls moto carried out twice because it ignores the idempotency token the SDK re-sent. */
  tokenRetriesMotoRepeated: 0,
};

beforeAll(async () => {
  world = await startApplyWorld(REGION);
}, 120_000);

afterAll(async () => {
  const cases = tally.faultsTried;
  recordTally('fault-matrix-apply', {
    suite: 'Fault matrix: change-set creation, execution, monitoring',
    counts: tally,
    summary:
      `${cases} faults across change-set creation, execution and monitoring against moto: ` +
      `${tally.recovered} recovered by retries, ${tally.reportedClearly} paused with a next step and resumed; ` +
      `${tally.wrongStatusShown} wrong statuses shown, ${tally.repeatedMutatingCalls} mutating calls repeated.`,
  });
  await world?.stop();
}, 60_000);

/**
 * Views that claim something moto contradicts: a final status the stack does not have, or an
 * outcome that says the update was applied when moto does not run its template (or the reverse).
 */
function wrongViews(views: readonly ApplyRunView[], truth: MotoTruth, release: Release): ApplyRunView[] {
  const applied = truth.deployedTemplate === release.template;
  return views.filter(
    (view) =>
      view.stacks.some(
        (stack) => stack.finalStatus !== undefined && stack.finalStatus !== truth.stackStatus,
      ) ||
      (view.outcome !== undefined && (view.outcome === 'updated') !== applied),
  );
}

/**
 * Mutating calls moto carried out more than once that were not one request re-sent with its token:
 * a second change set or a second execution the app asked for.
 */
function repeatedCalls(calls: readonly ProxiedCall[], recorder: CallRecorder): number {
  let repeated = 0;
  for (const action of MUTATING) {
    const done = motoSucceeded(calls, action);
    if (recorder.tokensOf(action).length > 1) repeated += Math.max(0, done - 1);
  }
  return repeated;
}

function caseName(c: ApplyCase): string {
  return `${c.phase} · ${FAULTS[c.fault].title} on ${c.fault === 'outage' ? 'every call' : c.action}`;
}

describe('test/reliability/fault-matrix-apply', () => {
  for (const [index, { phase, action, fault }] of CASES.entries()) {
    it(`${caseName({ phase, action, fault })}: recovers or pauses with a next step, shows no wrong status, repeats no change`, async () => {
      const spec = FAULTS[fault];
      const release = roleRelease(world.cell, `fm${index + 1}`);
      const timers = new ScaledTimers(TIME_SCALE);
      const recorder = new CallRecorder();
      let outage: Promise<void> = Promise.resolve();
      let armed = false;
      const journal = new ObservedJournal(
        await openJournal(await mkdtemp(join(world.dir, 'runs-'))),
        (record) => {
          if (armed || !PHASE_STARTS[phase](record)) return;
          armed = true;
          outage = armFault(world.proxy, spec, action, APPLY_TIMING, timers);
        },
      );
      const runner = openRunner(world, {
        journal,
        timers,
        recorder,
        templates: new Map([[release.update.stacks[0]?.updateId ?? '', release.template]]),
      });
      const views: ApplyRunView[] = [];
      runner.subscribe((event) => views.push(event.view));
      world.proxy.clear();
      tally.faultsTried += 1;

      let result: Awaited<ReturnType<typeof driveToEnd>>;
      try {
        const started = await runner.start({
          cell: world.cell,
          identity: world.identity,
          update: release.update,
        });
        // A paused run is resumed once the cause is gone: credentials renewed, the endpoint back.
        result = await driveToEnd(runner, started.id, world.cell.accountId, () => outage);
        await outage;
        if (spec.rule?.(action, APPLY_TIMING).fault === 'slow') {
          // The held request still reaches moto after the client gave up on it; wait for it.
          await expect
            .poll(() => world.proxy.calls.some((call) => call.fault === 'slow'), { timeout: 10_000 })
            .toBe(true);
        }
      } finally {
        runner.dispose();
      }
      const calls = [...world.proxy.calls];
      const truth = await motoTruth(world, release);
      const { view, pauses } = result;

      // The fault happened where it was meant to.
      expect(armed).toBe(true);
      if (spec.rule) {
        expect(calls.filter((call) => call.action === action && call.fault !== undefined).length).toBe(
          spec.rule(action, APPLY_TIMING).times,
        );
      } else {
        expect(recorder.countOf(action)).toBeGreaterThan(calls.filter((c) => c.action === action).length);
      }

      // Recovered, or paused with a next step and then resumed.
      for (const paused of pauses) {
        expect(paused.error?.code).toMatch(/\S/);
        expect(paused.error?.nextStep).toMatch(/\S/);
        expect(paused.awaiting).toMatchObject({ kind: 'resume' });
      }
      if (spec.strength === 'not-retried') {
        expect(pauses.map((p) => p.error?.code)).toEqual(['credentials-rejected']);
        expect(pauses[0]?.error?.nextStep).toMatch(/Sign in again.*resume/);
      } else if (fault !== 'outage') {
        expect(pauses).toEqual([]);
      } else {
        expect(pauses.every((p) => p.error?.code === 'offline')).toBe(true);
      }
      if (phase === 'monitor' && (fault === 'outage' || fault === 'reset-persistent')) {
        // While AWS is unreachable the update carries on: the run says it is reconnecting.
        expect(views.some((v) => v.stacks[0]?.progress?.reconnecting === true)).toBe(true);
      }

      // The end state is moto's.
      expect(view.outcome).toBe('updated');
      expect(view.error).toBeUndefined();
      expect(view.stacks[0]?.finalStatus).toBe(truth.stackStatus);
      expect(truth.stackStatus).toBe('UPDATE_COMPLETE');
      expect(truth.deployedTemplate).toBe(release.template);

      // Never a wrong status on the way.
      const wrong = wrongViews(views, truth, release);
      tally.wrongStatusShown += wrong.length;
      expect(wrong).toEqual([]);

      // Each change made once: one create and one execute token, one change set executed.
      const repeated = repeatedCalls(calls, recorder);
      tally.repeatedMutatingCalls += repeated;
      expect(repeated).toBe(0);
      for (const mutating of MUTATING) expect(recorder.tokensOf(mutating)).toHaveLength(1);
      const executed = truth.changeSets.filter((cs) => cs.ExecutionStatus === 'EXECUTE_COMPLETE');
      expect(executed.map((cs) => cs.ChangeSetId)).toEqual([view.stacks[0]?.changeSet?.id]);
      // moto keeps one change set per CreateChangeSet it carries out (CloudFormation one per token).
      expect(truth.changeSets).toHaveLength(motoSucceeded(calls, 'CreateChangeSet'));
      for (const mutating of MUTATING) {
        const done = motoSucceeded(calls, mutating);
        if (fault === 'timeout' && action === mutating) {
          // The request the client gave up on reaches moto late, the same token in it; moto carries
          // it out again or refuses it, depending on whether the retry's work already landed.
          expect(done).toBeGreaterThanOrEqual(1);
          expect(done).toBeLessThanOrEqual(2);
          tally.tokenRetriesMotoRepeated += done - 1;
        } else {
          expect(done).toBe(1);
        }
      }
      await removeUnexecuted(world, truth);

      if (pauses.length > 0) tally.reportedClearly += 1;
      else tally.recovered += 1;
    }, 90_000);
  }
});
