import { describe, expect, it } from 'vitest';
import {
  applyRun,
  preflightReport,
  runAwaitingConfirmation,
  runAwaitingInput,
  runAwaitingRecovery,
  runFinished,
  runMonitoring,
  runPaused,
  runRolledBack,
  withCurrentStack,
} from '../test/apply-fixtures';
import { screenFor, seenKey, stepOfScreen } from './run-screen';

const none = new Set<string>();

describe('apply/run-screen', () => {
  it('follows the stack while the app works: preflight, create, monitor', () => {
    expect(screenFor(applyRun(), none)).toBe('preflight');
    expect(screenFor(withCurrentStack(applyRun(), { phase: 'creating' }), none)).toBe('create');
    expect(screenFor(withCurrentStack(applyRun(), { phase: 'already-up-to-date' }), none)).toBe('create');
    expect(screenFor(runMonitoring(), none)).toBe('monitor');
  });

  it('shows the preflight checks before the input form, and the review before the confirmation', () => {
    expect(screenFor(runAwaitingInput(), none)).toBe('preflight');
    expect(screenFor(runAwaitingInput(), new Set([seenKey(0, 'preflight')]))).toBe('input');
    expect(screenFor(runAwaitingConfirmation(), none)).toBe('review');
    expect(screenFor(runAwaitingConfirmation(), new Set([seenKey(0, 'review')]))).toBe('confirm');
    // What was read for one stack does not count for the next.
    expect(
      screenFor({ ...runAwaitingConfirmation(), currentStack: 1 }, new Set([seenKey(0, 'review')])),
    ).toBe('review');
  });

  it('recovery found by preflight is explained first; a rollback that failed during the run goes straight to it', () => {
    const found = withCurrentStack(runAwaitingRecovery(), {
      preflight: preflightReport({ needsRecovery: true }),
    });
    expect(screenFor(found, none)).toBe('preflight');
    expect(screenFor(found, new Set([seenKey(0, 'preflight')]))).toBe('recover');
    expect(screenFor(runAwaitingRecovery(), none)).toBe('recover');
  });

  it('a pause and the end belong to the run', () => {
    expect(screenFor(runPaused(), none)).toBe('paused');
    expect(screenFor(runFinished(), none)).toBe('finished');
    expect(screenFor(runRolledBack(), none)).toBe('finished');
    const blocked = withCurrentStack(applyRun({ status: 'finished', outcome: 'blocked' }), {
      phase: 'blocked',
      preflight: preflightReport({ canProceed: false }),
    });
    expect(screenFor(blocked, none)).toBe('preflight');
  });

  it('marks the step the screen is about, and none once the run has finished', () => {
    const run = runMonitoring();
    const stack = run.stacks[0];
    if (!stack) throw new Error('no stack');
    expect(stepOfScreen('monitor', stack, run)).toBe('monitor');
    expect(stepOfScreen('monitor', { ...stack, phase: 'executing' }, run)).toBe('execute');
    expect(stepOfScreen('review', stack, run)).toBe('review');
    expect(stepOfScreen('paused', stack, runPaused())).toBe('monitor');
    expect(stepOfScreen('finished', stack, run)).toBeNull();
  });
});
