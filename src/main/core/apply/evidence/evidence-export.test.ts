import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  CALLER_ARN,
  CELL,
  FakeCloudFormation,
  fakeClients,
  fakePreflight,
  fakeReview,
  INSTANCE_STACK,
  MemoryStore,
  ROLE_STACK,
  rollbackScript,
  SHA_INSTANCE,
  SHA_ROLE,
  settle,
  TrackingStore,
  updateOf,
} from '../../../../../test/support/apply-fakes';
import { createMemoryLogger } from '../../log/logger';
import { ManualTimers } from '../../refresh/timers';
import type { RunRecord } from '../journal/run-record';
import { ApplyRunner } from '../run/apply-runner';
import {
  EVIDENCE_CSV_COLUMNS,
  evidenceFileName,
  evidenceToCsv,
  evidenceToJson,
  evidenceToMarkdown,
} from './evidence-export';
import { type RunEvidence, runEvidence } from './run-evidence';

let timers: ManualTimers;
let fake: FakeCloudFormation;
let store: TrackingStore;
let runner: ApplyRunner;

/** A real run, through the runner, against the scripted CloudFormation. */
async function finishedRun(): Promise<RunRecord> {
  runner = ApplyRunner.open({
    journal: store,
    clientsFor: () => fakeClients(),
    readTemplate: async () => '{"Resources":{}}',
    logger: createMemoryLogger(),
    timers,
    ports: {
      runPreflight: fakePreflight(fake, {
        [ROLE_STACK]: { missingParameters: [{ key: 'Token', noEcho: true }], secretParameterKeys: ['Token'] },
      }),
      readChangeSetReview: fakeReview(2),
    },
    identify: async () => ({ account: ACCOUNT, arn: CALLER_ARN }),
    randomHex: () => 'e71dce',
  });
  const { id } = await runner.start({
    cell: CELL,
    identity: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(['role', 'instance']),
  });
  for (;;) {
    const view = await settle(runner, id, timers, store);
    if (view.awaiting?.kind === 'input') {
      await runner.provideInput({
        runId: id,
        parameterValues: { Token: 'tok-very-secret-77' },
        acknowledgeCapabilities: true,
      });
    } else if (view.awaiting?.kind === 'confirmation') {
      await runner.confirm({ runId: id, stackName: view.awaiting.stackName, accountId: ACCOUNT });
    } else break;
  }
  const record = store.get(id);
  if (!record) throw new Error('no record');
  return record;
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

describe('core/apply/evidence', () => {
  it('holds who, when, the cell and account, each stack with its template sha256 and change set ARN, the review, each step and the result', async () => {
    const evidence: RunEvidence = runEvidence(await finishedRun());
    expect(evidence).toMatchObject({
      format: 'dedicated-admin-apply-evidence',
      update: 'Infrastructure Update v37',
      callerArn: CALLER_ARN,
      cell: { name: 'prod', accountId: ACCOUNT, region: 'eu-central-1' },
      status: 'finished',
      outcome: 'updated',
      appliedWithinDeadline: true,
      startedAt: '2026-03-02T09:00:00.000Z',
    });
    expect(evidence.durationMs).toBeGreaterThan(0);
    expect(evidence.stacks.map((s) => [s.stackName, s.templateSha256, s.outcome, s.finalStatus])).toEqual([
      [ROLE_STACK, SHA_ROLE, 'updated', 'UPDATE_COMPLETE'],
      [INSTANCE_STACK, SHA_INSTANCE, 'updated', 'UPDATE_COMPLETE'],
    ]);
    for (const stack of evidence.stacks) {
      expect(stack.changeSetArn).toMatch(
        /^arn:aws:cloudformation:eu-central-1:123456789012:changeSet\/dedicated-admin-/,
      );
      expect(stack.review?.total).toBe(2);
      expect(stack.confirmedAt).toBeDefined();
      expect(stack.executionToken).toMatch(/-execute-1$/);
    }
    const roleSteps = evidence.steps.filter((s) => s.stackName === ROLE_STACK).map((s) => [s.step, s.state]);
    expect(roleSteps).toEqual([
      ['preflight', 'done'],
      ['input', 'done'],
      ['create', 'done'],
      ['review', 'done'],
      ['confirm', 'done'],
      ['execute', 'done'],
      ['monitor', 'done'],
    ]);
    expect(evidence.steps.find((s) => s.step === 'monitor')?.durationMs).toBeGreaterThan(0);
  });

  it('exports JSON, Markdown and CSV (one row per step), with no secret in any', async () => {
    const evidence = runEvidence(await finishedRun());
    const json = evidenceToJson(evidence);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(evidence)));

    const markdown = evidenceToMarkdown(evidence);
    expect(markdown).toMatch(/^# Infrastructure update evidence: Infrastructure Update v37/);
    expect(markdown).toContain(`| Applied by | ${CALLER_ARN} |`);
    expect(markdown).toContain('| Within the deadline | yes |');
    expect(markdown).toContain(`sha256 ${SHA_ROLE}`);
    expect(markdown).toContain('## Role stack gitpod-role');
    expect(markdown).toMatch(/\| gitpod-instance \| monitor \| done \|/);

    const csv = evidenceToCsv(evidence);
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(EVIDENCE_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(1 + evidence.steps.length);
    expect(rows[1]).toContain(
      `${evidence.runId},Infrastructure Update v37,prod,${ACCOUNT},eu-central-1,${CALLER_ARN},${ROLE_STACK},role,${SHA_ROLE}`,
    );

    for (const text of [json, markdown, csv]) expect(text).not.toContain('tok-very-secret-77');
    expect(evidenceFileName(evidence, 'markdown')).toBe(`apply-evidence-prod-${evidence.runId}.md`);
  });

  it('a rolled-back run names its root cause and says it was not applied', async () => {
    fake.executionScripts.set(ROLE_STACK, rollbackScript(ROLE_STACK));
    const evidence = runEvidence(await finishedRun());
    expect(evidence.outcome).toBe('rolled-back');
    expect(evidence.appliedWithinDeadline).toBeNull();
    const markdown = evidenceToMarkdown(evidence);
    expect(markdown).toContain('Failed: the update was rolled back.');
    expect(markdown).toMatch(/Root cause: Cluster \(AWS::EKS::Cluster\) UPDATE_FAILED: .*kms:CreateGrant/);
    expect(evidence.stacks[1]?.outcome).toBe('not-started');
  });

  it('quotes CSV fields and keeps spreadsheets from running them as formulas', async () => {
    const evidence = runEvidence(await finishedRun());
    const tricky: RunEvidence = {
      ...evidence,
      update: '=HYPERLINK("http://x", "v38, final")',
    };
    const row = evidenceToCsv(tricky).split('\r\n')[1] ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://x"", ""v38, final"")"`);
  });
});
