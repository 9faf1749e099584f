/**
 * Crash at every step (issue 7), against moto: the run's journal is the only thing that survives
 * the app, so the app is "killed" at each of its journal writes in turn, and a new runner opened on
 * the same runs folder resumes the run. Two ways to die at write k:
 * - before it lands: the AWS call the write would record was made, its result is lost;
 * - right after it lands: the intent (or result) is on disk, the next call was never made.
 * Each resumed run must end exactly like an uninterrupted run of the same update (outcome, phases,
 * final status, every step's state), with moto holding one change set for it, created once and
 * executed once, and the new template deployed.
 *
 * src/main/core/apply/run/resume.test.ts proves the same against a scripted CloudFormation for the
 * calls that change AWS; this covers every write of a real run, including the preflight, the wait
 * for the change set, the review and the monitor's last state, with the app's own clients.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/main/core/apply/journal/run-record';
import type { ApplyRunner } from '../../src/main/core/apply/run/apply-runner';
import type { ApplyRunView } from '../../src/shared/apply/run';
import { TrackingStore } from '../support/apply-fakes';
import {
  type ApplyWorld,
  driveToEnd,
  motoTruth,
  openJournal,
  openRunner,
  type Release,
  roleRelease,
  startApplyWorld,
} from './support/apply-world';
import { CallRecorder } from './support/call-recorder';
import { motoSucceeded, TIME_SCALE } from './support/fault-cases';
import { ScaledTimers } from './support/scaled-timers';
import { recordTally } from './support/tally';

type CrashMode = 'before-write' | 'after-write';

const REGION = 'us-west-2';

let world: ApplyWorld;
let baseline: RunSummary;
/** What each journal write of the uninterrupted run recorded, for the failure messages. */
let writes: string[] = [];
const tally = { crashes: 0, resumedLikeUninterrupted: 0, repeatedMutatingCalls: 0, wrongOutcome: 0 };

interface RunSummary {
  readonly status: ApplyRunView['status'];
  readonly outcome: ApplyRunView['outcome'];
  readonly stacks: ReadonlyArray<{
    readonly name: string;
    readonly phase: string;
    readonly finalStatus: string | undefined;
    readonly steps: ApplyRunView['stacks'][number]['steps'];
  }>;
}

function summary(view: ApplyRunView): RunSummary {
  return {
    status: view.status,
    outcome: view.outcome,
    stacks: view.stacks.map((s) => ({
      name: s.stackName,
      phase: s.phase,
      finalStatus: s.finalStatus,
      steps: s.steps,
    })),
  };
}

/** "creating, create active": where the run stood after a write. */
function describeWrite(record: RunRecord): string {
  const stack = record.stacks[record.currentStack];
  const step = record.steps.filter((entry) => entry.stack === record.currentStack).at(-1);
  return `${record.status}, ${stack?.phase ?? '?'}${step ? `, ${step.step} ${step.state}` : ''}`;
}

/** One life of the app: its runner over the runs folder, and the clock it ran on. */
interface Attempt {
  readonly store: TrackingStore;
  readonly runner: ApplyRunner;
  readonly timers: ScaledTimers;
}

async function openAttempt(
  release: Release,
  dir: string,
  recorder: CallRecorder,
  timers: ScaledTimers,
): Promise<Attempt> {
  const store = new TrackingStore(await openJournal(dir));
  const runner = openRunner(world, {
    journal: store,
    timers,
    recorder,
    templates: new Map([[release.update.stacks[0]?.updateId ?? '', release.template]]),
  });
  return { store, runner, timers };
}

/** Walks the run like the admin until the runner "dies" (or the run ends first). */
async function walkUntilCrash(attempt: Attempt, runId: string): Promise<void> {
  const { runner, store } = attempt;
  for (let guard = 0; guard < 25; guard++) {
    const view = await runner.settled(runId);
    if (store.crashed || view.status === 'finished') return;
    try {
      if (view.awaiting?.kind === 'input') {
        await runner.provideInput({ runId, acknowledgeCapabilities: true });
      } else if (view.awaiting?.kind === 'confirmation') {
        await runner.confirm({ runId, stackName: view.awaiting.stackName, accountId: world.cell.accountId });
      } else {
        throw new Error(`the run stopped before the crash: ${view.status}: ${view.message}`);
      }
    } catch (error) {
      // A command whose journal write was the crash: the admin's click died with the app.
      if (!store.crashed) throw error;
      return;
    }
  }
  throw new Error('the run kept asking');
}

beforeAll(async () => {
  world = await startApplyWorld(REGION);
  const release = roleRelease(world.cell, 'crash-baseline');
  const attempt = await openAttempt(
    release,
    await mkdtemp(join(world.dir, 'runs-')),
    new CallRecorder(),
    new ScaledTimers(TIME_SCALE),
  );
  world.proxy.clear();
  const started = await attempt.runner.start({
    cell: world.cell,
    identity: world.identity,
    update: release.update,
  });
  const { view } = await driveToEnd(attempt.runner, started.id, world.cell.accountId);
  attempt.runner.dispose();
  baseline = summary(view);
  writes = attempt.store.written.map(describeWrite);
}, 120_000);

afterAll(async () => {
  recordTally('crash-every-step', {
    suite: 'Crash at every step',
    counts: tally,
    summary:
      `${tally.crashes} crashes against moto, one at each journal write of an apply run (before and after it lands): ` +
      `${tally.resumedLikeUninterrupted} resumed to the uninterrupted run's outcome, ` +
      `${tally.repeatedMutatingCalls} mutating calls repeated. ` +
      'Plus src/main/core/apply/run/resume.test.ts: 6 crashes around CreateChangeSet, ExecuteChangeSet and monitoring against scripted CloudFormation, each compared with an uninterrupted run.',
  });
  await world?.stop();
}, 60_000);

/** Crashes the run at write `k`, resumes it in a new runner, and says how the result differs (empty when it does not). */
async function crashAndResume(k: number, mode: CrashMode): Promise<string[]> {
  const release = roleRelease(world.cell, `crash-${k}-${mode === 'before-write' ? 'b' : 'a'}`);
  const dir = await mkdtemp(join(world.dir, 'runs-'));
  const recorder = new CallRecorder();
  const first = await openAttempt(release, dir, recorder, new ScaledTimers(TIME_SCALE));
  let n = 0;
  first.store.crashWhen = () => {
    n += 1;
    return mode === 'before-write' && n === k;
  };
  first.store.crashAfter = () => mode === 'after-write' && n === k;
  world.proxy.clear();
  const started = await first.runner.start({
    cell: world.cell,
    identity: world.identity,
    update: release.update,
  });
  await walkUntilCrash(first, started.id);
  first.runner.dispose();
  const problems: string[] = [];
  if (!first.store.crashed) problems.push('the run never reached that write');

  // The app starts again; the clock goes on from where it was.
  const second = await openAttempt(release, dir, recorder, new ScaledTimers(TIME_SCALE, first.timers.now()));
  let view: ApplyRunView;
  try {
    ({ view } = await driveToEnd(second.runner, started.id, world.cell.accountId));
  } finally {
    second.runner.dispose();
  }
  const resumed = summary(view);
  if (JSON.stringify(resumed) !== JSON.stringify(baseline)) {
    problems.push(`resumed to ${JSON.stringify(resumed)}, uninterrupted ${JSON.stringify(baseline)}`);
    tally.wrongOutcome += 1;
  }
  const calls = [...world.proxy.calls];
  const truth = await motoTruth(world, release);
  for (const action of ['CreateChangeSet', 'ExecuteChangeSet']) {
    const done = motoSucceeded(calls, action);
    if (done !== 1) {
      problems.push(`moto carried out ${action} ${done} times`);
      tally.repeatedMutatingCalls += Math.max(0, done - 1);
    }
  }
  if (truth.changeSets.length !== 1 || truth.changeSets[0]?.ExecutionStatus !== 'EXECUTE_COMPLETE') {
    problems.push(`moto holds ${JSON.stringify(truth.changeSets.map((cs) => cs.ExecutionStatus))}`);
  }
  if (truth.stackStatus !== 'UPDATE_COMPLETE' || truth.deployedTemplate !== release.template) {
    problems.push(
      `the stack is ${truth.stackStatus} with ${truth.deployedTemplate === release.template ? 'the new' : 'another'} template`,
    );
  }
  tally.crashes += 1;
  if (problems.length === 0) tally.resumedLikeUninterrupted += 1;
  return problems;
}

describe('test/reliability/crash-every-step', () => {
  it('the uninterrupted run updates the role stack to UPDATE_COMPLETE through every step', () => {
    expect(baseline.outcome).toBe('updated');
    expect(baseline.stacks.map((s) => [s.phase, s.finalStatus])).toEqual([['updated', 'UPDATE_COMPLETE']]);
    expect(baseline.stacks[0]?.steps.map((s) => `${s.step}:${s.state}`)).toEqual([
      'preflight:done',
      'input:done',
      'create:done',
      'review:done',
      'confirm:done',
      'execute:done',
      'monitor:done',
    ]);
    // The run's first write is its creation (start fails, nothing else happens); every later one is a crash point.
    expect(writes.length).toBeGreaterThan(8);
  });

  for (const mode of ['before-write', 'after-write'] as const) {
    const when =
      mode === 'before-write' ? 'before it lands (the call it records was made)' : 'right after it lands';
    it(`killed at each journal write, ${when}: resumed from the journal, the run ends as the uninterrupted one and moto created and executed one change set once`, async () => {
      const failures: string[] = [];
      for (let k = 2; k <= writes.length; k++) {
        const problems = await crashAndResume(k, mode);
        for (const problem of problems) failures.push(`write ${k} (${writes[k - 1]}): ${problem}`);
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }
});
