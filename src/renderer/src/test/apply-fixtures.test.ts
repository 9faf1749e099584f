import { describe, expect, it } from 'vitest';
import { applyStateSchema } from '../../../shared/apply/apply-ipc';
import { preflightReportSchema } from '../../../shared/apply/preflight';
import { changeSetReviewSchema } from '../../../shared/apply/review';
import { applyRunSummarySchema, applyRunViewSchema } from '../../../shared/apply/run';
import {
  applyRun,
  bigReview,
  changeSetReview,
  preflightReport,
  runAwaitingConfirmation,
  runAwaitingInput,
  runAwaitingRecovery,
  runFinished,
  runMonitoring,
  runPaused,
  runRolledBack,
  runSummary,
} from './apply-fixtures';
import { applyState } from './fake-api';

describe('test/apply-fixtures', () => {
  const runs = {
    applyRun: applyRun(),
    runAwaitingInput: runAwaitingInput({
      missingParameters: [{ key: 'DbPassword', noEcho: true }],
      capabilities: ['CAPABILITY_NAMED_IAM'],
      capabilityResources: [{ logicalId: 'SetupRole', type: 'AWS::IAM::Role', named: true }],
    }),
    runAwaitingConfirmation: runAwaitingConfirmation(),
    runMonitoring: runMonitoring(),
    runRolledBack: runRolledBack(),
    runAwaitingRecovery: runAwaitingRecovery(),
    runPaused: runPaused(),
    runFinished: runFinished(),
  };

  for (const [name, run] of Object.entries(runs)) {
    it(`${name}() is a run main could send`, () => {
      expect(applyRunViewSchema.safeParse(run).error).toBeUndefined();
    });
  }

  it('runSummary() is a History entry main could send', () => {
    expect(applyRunSummarySchema.safeParse(runSummary()).error).toBeUndefined();
  });

  it('preflightReport() is a preflight report main could send', () => {
    expect(preflightReportSchema.safeParse(preflightReport()).error).toBeUndefined();
  });

  it('changeSetReview() and bigReview() are reviews main could send', () => {
    expect(changeSetReviewSchema.safeParse(changeSetReview()).error).toBeUndefined();
    expect(changeSetReviewSchema.safeParse(bigReview(2_000)).error).toBeUndefined();
  });

  it('an apply state made of them is one main could send', () => {
    const state = applyState({ active: [runMonitoring()], runs: [runSummary()] });
    expect(applyStateSchema.safeParse(state).error).toBeUndefined();
  });
});
