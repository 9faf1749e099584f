import { describe, expect, it } from 'vitest';
import {
  CELL,
  changeSet,
  changeSetArn,
  check,
  INSTANCE_STACK,
  ROLE_STACK,
  stack,
} from '../../../../test/support/update-fixtures';
import type { PendingUpdate } from '../../../shared/updates/pending-update';
import { type CellEvaluationInput, collapseUpdates, evaluateCell } from './pending-updates';
import type { StoredImport, TrackedChangeSet } from './update-file';
import { changeSetUpdateId } from './update-ids';
import { DAY_MS } from './zoned-time';

const NOW = new Date('2026-03-05T12:00:00.000Z');
const ROLE_V38 = 'a'.repeat(64);
const INSTANCE_V38 = 'b'.repeat(64);
const DEPLOYED_ROLE = 'c'.repeat(64);
const DEPLOYED_INSTANCE = 'd'.repeat(64);

function imported(overrides: Partial<StoredImport> = {}): StoredImport {
  return {
    id: 'imp-000000000000000000000038',
    cellId: CELL.id,
    label: 'Infrastructure Update v38',
    releasedAt: '2026-03-04T00:00:00.000Z',
    importedAt: '2026-03-04T09:00:00.000Z',
    templates: [
      {
        kind: 'role',
        name: 'role.yaml',
        sha256: '1'.repeat(64),
        fingerprint: ROLE_V38,
        size: 5000,
        format: 'yaml',
      },
      {
        kind: 'instance',
        name: 'instance.json',
        sha256: '2'.repeat(64),
        fingerprint: INSTANCE_V38,
        size: 90_000,
        format: 'json',
      },
    ],
    ...overrides,
  };
}

function tracked(
  name: string,
  releasedAt: string,
  overrides: Partial<TrackedChangeSet> = {},
): TrackedChangeSet {
  return {
    id: changeSetUpdateId(changeSetArn(name)),
    cellId: CELL.id,
    stackKind: 'instance',
    stackName: INSTANCE_STACK,
    changeSetId: changeSetArn(name),
    changeSetName: name,
    label: 'Infrastructure Update v37',
    releasedAt,
    firstSeenAt: releasedAt,
    ...overrides,
  };
}

function input(overrides: Partial<CellEvaluationInput>): CellEvaluationInput {
  return { cell: CELL, check: check(), imports: [], tracked: [], snoozes: new Map(), now: NOW, ...overrides };
}

function pending(
  overrides: Partial<PendingUpdate> & Pick<PendingUpdate, 'id' | 'releasedAt'>,
): PendingUpdate {
  const deadline = new Date(Date.parse(overrides.releasedAt) + 14 * DAY_MS).toISOString();
  return {
    cellId: CELL.id,
    cellName: CELL.name,
    label: overrides.id,
    source: 'import',
    deadline,
    deadlineOverridden: false,
    state: 'on-track',
    stacks: [{ kind: 'instance', stackName: INSTANCE_STACK }],
    ...overrides,
  };
}

describe('main/core/updates/pending-updates', () => {
  describe('vendor change sets', () => {
    it('a CREATE_COMPLETE / AVAILABLE change set is pending, released at its creation, due 14 days later', () => {
      const result = evaluateCell(
        input({
          check: check({
            changeSets: [
              changeSet('v37', '2026-03-01T06:00:00.000Z', { description: 'Infrastructure Update v37' }),
              changeSet('empty', '2026-03-01T07:00:00.000Z', {
                status: 'FAILED',
                executionStatus: 'UNAVAILABLE',
              }),
            ],
          }),
        }),
      );
      expect(result.pending).toEqual([
        expect.objectContaining({
          id: changeSetUpdateId(changeSetArn('v37')),
          label: 'Infrastructure Update v37',
          source: 'vendor-change-set',
          releasedAt: '2026-03-01T06:00:00.000Z',
          deadline: '2026-03-15T06:00:00.000Z',
          state: 'on-track',
          stacks: [
            {
              kind: 'instance',
              stackName: INSTANCE_STACK,
              changeSetName: 'v37',
              changeSetId: changeSetArn('v37'),
            },
          ],
        }),
      ]);
      expect(result.track.map((t) => t.changeSetName)).toEqual(['v37']);
    });

    it('keeps the id under 200 characters even for a very long change set ARN', () => {
      const long = `arn:aws:cloudformation:eu-central-1:123456789012:changeSet/${'x'.repeat(128)}/${'f'.repeat(300)}`;
      const id = changeSetUpdateId(long);
      expect(id.length).toBeLessThanOrEqual(200);
      expect(id).toBe(changeSetUpdateId(long));
      expect(id).not.toBe(changeSetUpdateId(`${long}0`));
    });

    it.each([
      ['EXECUTE_COMPLETE', 'change-set-executed'],
      ['OBSOLETE', 'change-set-obsolete'],
    ] as const)('a tracked change set now %s is applied (%s)', (executionStatus, detectedBy) => {
      const seen = tracked('v37', '2026-03-01T06:00:00.000Z');
      const result = evaluateCell(
        input({
          tracked: [seen],
          check: check({ changeSets: [changeSet('v37', seen.releasedAt, { executionStatus })] }),
        }),
      );
      expect(result.pending).toEqual([]);
      expect(result.untrack).toEqual([seen.id]);
      expect(result.applied).toEqual([
        expect.objectContaining({
          id: seen.id,
          detectedBy,
          appliedAt: NOW.toISOString(),
          stacks: [INSTANCE_STACK],
        }),
      ]);
    });

    it('a tracked change set gone after the stack was updated is applied; gone without an update it was withdrawn', () => {
      const seen = tracked('v37', '2026-03-01T06:00:00.000Z');
      const updated = evaluateCell(
        input({
          tracked: [seen],
          check: check({
            stacks: [stack('role'), stack('instance', { lastUpdatedTime: '2026-03-04T10:00:00.000Z' })],
          }),
        }),
      );
      expect(updated.applied.map((a) => a.detectedBy)).toEqual(['change-set-removed-after-update']);

      const untouched = evaluateCell(
        input({
          tracked: [seen],
          check: check({
            stacks: [stack('role'), stack('instance', { lastUpdatedTime: '2026-02-01T10:00:00.000Z' })],
          }),
        }),
      );
      expect(untouched.pending).toEqual([]);
      expect(untouched.untrack).toEqual([seen.id]);
      expect(untouched.applied).toEqual([]);
    });

    it('a tracked change set stays pending when its stack could not be listed, the check failed, or it is executing', () => {
      const seen = tracked('v37', '2026-03-01T06:00:00.000Z');
      const cases = [
        check({ listedStacks: [ROLE_STACK] }),
        check({ withoutSignals: true }),
        check({
          changeSets: [changeSet('v37', seen.releasedAt, { executionStatus: 'EXECUTE_IN_PROGRESS' })],
        }),
        check({ changeSets: [changeSet('v37', seen.releasedAt, { executionStatus: 'EXECUTE_FAILED' })] }),
      ];
      for (const current of cases) {
        const result = evaluateCell(input({ tracked: [seen], check: current }));
        expect(result.pending.map((p) => p.id)).toEqual([seen.id]);
        expect(result.untrack).toEqual([]);
      }
      // Before the first check, what was tracked is what is known.
      expect(evaluateCell(input({ tracked: [seen], check: null })).pending.map((p) => p.id)).toEqual([
        seen.id,
      ]);
    });
  });

  describe('imports', () => {
    it('is applied when every template equals the template its stack runs', () => {
      const result = evaluateCell(
        input({
          imports: [imported()],
          check: check({ deployed: { role: ROLE_V38, instance: INSTANCE_V38 } }),
        }),
      );
      expect(result.pending).toEqual([]);
      expect(result.removeImports).toEqual([imported().id]);
      expect(result.applied).toEqual([
        expect.objectContaining({ detectedBy: 'template-deployed', stacks: [ROLE_STACK, INSTANCE_STACK] }),
      ]);
    });

    it('lists only the stacks that do not run their template yet', () => {
      const result = evaluateCell(
        input({
          imports: [imported()],
          check: check({ deployed: { role: ROLE_V38, instance: DEPLOYED_INSTANCE } }),
        }),
      );
      expect(result.pending[0]?.stacks).toEqual([
        {
          kind: 'instance',
          stackName: INSTANCE_STACK,
          templateSha256: '2'.repeat(64),
          templateName: 'instance.json',
        },
      ]);
      expect(result.applied).toEqual([]);
    });

    it('is pending, with all its stacks, while the deployed templates are unknown', () => {
      const result = evaluateCell(input({ imports: [imported()], check: check({ withoutSignals: true }) }));
      expect(result.pending[0]?.stacks.map((s) => s.kind)).toEqual(['role', 'instance']);
      expect(result.removeImports).toEqual([]);
    });

    it('uses a deadline the vendor stated, and a snooze cut at the deadline', () => {
      const update = imported({ deadlineOverride: '2026-03-08T00:00:00.000Z' });
      const result = evaluateCell(
        input({
          imports: [update],
          check: check({ deployed: { role: DEPLOYED_ROLE, instance: DEPLOYED_INSTANCE } }),
          snoozes: new Map([[update.id, new Date('2026-03-20T00:00:00.000Z')]]),
        }),
      );
      expect(result.pending[0]).toMatchObject({
        deadline: '2026-03-08T00:00:00.000Z',
        deadlineOverridden: true,
        state: 'due-soon',
        snoozedUntil: '2026-03-08T00:00:00.000Z',
      });
    });
  });

  describe('collapse into one update to apply', () => {
    it('puts the role stack first and takes, per stack, the newest release that changes it', () => {
      const v37 = pending({
        id: 'cs-v37',
        releasedAt: '2026-03-01T00:00:00.000Z',
        source: 'vendor-change-set',
        stacks: [{ kind: 'instance', stackName: INSTANCE_STACK, changeSetName: 'v37' }],
      });
      const v38 = pending({
        id: 'imp-v38',
        label: 'Infrastructure Update v38',
        releasedAt: '2026-03-04T00:00:00.000Z',
        stacks: [
          { kind: 'role', stackName: ROLE_STACK, templateSha256: '1'.repeat(64) },
          { kind: 'instance', stackName: INSTANCE_STACK, templateSha256: '2'.repeat(64) },
        ],
      });
      const v39 = pending({
        id: 'cs-v39',
        releasedAt: '2026-03-05T00:00:00.000Z',
        source: 'vendor-change-set',
        stacks: [{ kind: 'instance', stackName: INSTANCE_STACK, changeSetName: 'v39' }],
      });
      const toApply = collapseUpdates([v39, v37, v38], NOW);
      expect(toApply?.stacks).toEqual([
        {
          kind: 'role',
          stackName: ROLE_STACK,
          templateSha256: '1'.repeat(64),
          updateId: 'imp-v38',
          source: 'import',
        },
        {
          kind: 'instance',
          stackName: INSTANCE_STACK,
          changeSetName: 'v39',
          updateId: 'cs-v39',
          source: 'vendor-change-set',
        },
      ]);
      expect(toApply?.covers).toEqual(['cs-v37', 'imp-v38', 'cs-v39']);
      expect(toApply?.label).toBe('cs-v39');
      expect(toApply?.releasedAt).toBe('2026-03-01T00:00:00.000Z');
    });

    it("carries the oldest unapplied release's deadline", () => {
      const older = pending({ id: 'old', releasedAt: '2026-02-20T00:00:00.000Z' });
      const newer = pending({ id: 'new', releasedAt: '2026-03-04T00:00:00.000Z' });
      const toApply = collapseUpdates([newer, older], NOW);
      expect(toApply?.deadline).toBe('2026-03-06T00:00:00.000Z');
      expect(toApply?.state).toBe('urgent');
    });

    it('takes an earlier deadline the vendor stated for a newer release: never later than any covered deadline', () => {
      const older = pending({ id: 'old', releasedAt: '2026-03-01T00:00:00.000Z' });
      const newer = pending({
        id: 'new',
        releasedAt: '2026-03-04T00:00:00.000Z',
        deadline: '2026-03-10T00:00:00.000Z',
        deadlineOverridden: true,
      });
      expect(collapseUpdates([older, newer], NOW)?.deadline).toBe('2026-03-10T00:00:00.000Z');
    });

    it('is null without pending updates', () => {
      expect(collapseUpdates([], NOW)).toBeNull();
      expect(evaluateCell(input({})).toApply).toBeNull();
    });

    it('joins vendor change sets and imports of a cell, oldest release first', () => {
      const result = evaluateCell(
        input({
          imports: [imported()],
          check: check({
            changeSets: [changeSet('v37', '2026-03-01T06:00:00.000Z')],
            deployed: { role: DEPLOYED_ROLE, instance: DEPLOYED_INSTANCE },
          }),
        }),
      );
      expect(result.pending.map((p) => p.source)).toEqual(['vendor-change-set', 'import']);
      expect(result.toApply?.stacks.map((s) => [s.kind, s.source])).toEqual([
        ['role', 'import'],
        ['instance', 'import'],
      ]);
      expect(result.toApply?.deadline).toBe('2026-03-15T06:00:00.000Z');
    });
  });
});
