import { describe, expect, it } from 'vitest';
import {
  pendingUpdateSchema,
  UPDATE_DEADLINE_STATES,
  updateIdSchema,
  updatesStateSchema,
} from '../../../shared/updates/pending-update';
import { navigationTargetSchema } from '../../../shared/views';
import { DEADLINE_STATES } from './deadline';
import { changeSetUpdateId, importUpdateId } from './update-ids';

describe('shared/updates/pending-update (with the ids and states core makes)', () => {
  it('has the deadline states core computes', () => {
    expect(UPDATE_DEADLINE_STATES).toEqual(DEADLINE_STATES);
  });

  it('accepts the ids core makes, which fit a navigation target', () => {
    const arn = `arn:aws:cloudformation:eu-central-1:123456789012:changeSet/${'n'.repeat(128)}/${'u'.repeat(200)}`;
    for (const id of [changeSetUpdateId(arn), importUpdateId('cell', ['a'.repeat(64)])]) {
      expect(updateIdSchema.parse(id)).toBe(id);
      expect(navigationTargetSchema.parse({ view: 'updates', itemId: id })).toEqual({
        view: 'updates',
        itemId: id,
      });
    }
    expect(updateIdSchema.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('validates a pending update and an empty state', () => {
    const update = {
      id: 'cs-0123456789abcdef01234567',
      cellId: '0c9b8a7f-6e5d-4c3b-8a19-f8e7d6c5b4a3',
      cellName: 'prod',
      label: 'Infrastructure Update v37',
      source: 'vendor-change-set',
      releasedAt: '2026-03-01T06:00:00.000Z',
      deadline: '2026-03-15T06:00:00.000Z',
      deadlineOverridden: false,
      state: 'on-track',
      stacks: [{ kind: 'instance', stackName: 'gitpod-instance', changeSetName: 'v37' }],
    };
    expect(pendingUpdateSchema.parse(update)).toEqual(update);
    expect(pendingUpdateSchema.safeParse({ ...update, stacks: [] }).success).toBe(false);
    expect(pendingUpdateSchema.safeParse({ ...update, extra: 1 }).success).toBe(false);
    expect(updatesStateSchema.parse({ cells: [], history: [], notice: null, readOnly: false })).toBeDefined();
  });
});
