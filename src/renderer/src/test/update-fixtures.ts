import type {
  AppliedUpdate,
  CellUpdates,
  ImportOutcome,
  PendingUpdate,
  UpdateToApply,
} from '../../../shared/updates/pending-update';
import { CELL_ID } from './cell-fixtures';

export const ROLE_SHA = 'a'.repeat(64);
export const INSTANCE_SHA = 'b'.repeat(64);
const DAY_MS = 24 * 3600 * 1000;

/** An ISO time `days` (may be fractional or negative) from now. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString();
}

export function pendingUpdate(overrides: Partial<PendingUpdate> = {}): PendingUpdate {
  return {
    id: 'cs-0123456789abcdef01234567',
    cellId: CELL_ID,
    cellName: 'production',
    label: 'Infrastructure Update v37',
    source: 'vendor-change-set',
    releasedAt: inDays(-9),
    deadline: inDays(5.05),
    deadlineOverridden: false,
    state: 'due-soon',
    stacks: [
      {
        kind: 'instance',
        stackName: 'gitpod-instance',
        changeSetName: 'gitpod-v37-instance',
        changeSetId: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/gitpod-v37-instance/1',
      },
    ],
    ...overrides,
  };
}

/** An imported update with a role and an instance template. */
export function importedUpdate(overrides: Partial<PendingUpdate> = {}): PendingUpdate {
  return pendingUpdate({
    id: 'imp-0123456789abcdef01234567',
    label: 'Infrastructure Update v38',
    source: 'import',
    stacks: [
      { kind: 'role', stackName: 'gitpod-role', templateName: 'role.json', templateSha256: ROLE_SHA },
      {
        kind: 'instance',
        stackName: 'gitpod-instance',
        templateName: 'instance.yaml',
        templateSha256: INSTANCE_SHA,
      },
    ],
    ...overrides,
  });
}

export function toApplyFor(update: PendingUpdate, overrides: Partial<UpdateToApply> = {}): UpdateToApply {
  return {
    cellId: update.cellId,
    cellName: update.cellName,
    label: update.label,
    releasedAt: update.releasedAt,
    deadline: update.deadline,
    state: update.state,
    stacks: update.stacks.map((stack) => ({ ...stack, updateId: update.id, source: update.source })),
    covers: [update.id],
    ...overrides,
  };
}

export function cellUpdates(pending: PendingUpdate[], overrides: Partial<CellUpdates> = {}): CellUpdates {
  const newest = pending[pending.length - 1];
  return {
    cellId: CELL_ID,
    cellName: 'production',
    checkedAt: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
    pending,
    toApply: newest ? toApplyFor(newest) : null,
    ...overrides,
  };
}

export function appliedUpdate(overrides: Partial<AppliedUpdate> = {}): AppliedUpdate {
  return {
    id: 'cs-applied00000000000000001',
    label: 'Infrastructure Update v36',
    cellId: CELL_ID,
    cellName: 'production',
    source: 'vendor-change-set',
    releasedAt: '2026-02-01T09:00:00.000Z',
    appliedAt: '2026-02-03T15:30:00.000Z',
    detectedBy: 'change-set-executed',
    stacks: ['gitpod-instance'],
    ...overrides,
  };
}

export function importOutcome(overrides: Partial<ImportOutcome> = {}): ImportOutcome {
  return {
    status: 'pending',
    update: importedUpdate(),
    templates: [
      {
        kind: 'role',
        stackName: 'gitpod-role',
        name: 'role.json',
        sha256: ROLE_SHA,
        applied: false,
        evidence: ['creates the IAM role GitpodSetupAndInitialEKSUserAdmin'],
      },
    ],
    ...overrides,
  };
}
