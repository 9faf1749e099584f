import { describe, expect, it, vi } from 'vitest';
import type { AppNotification } from '../notify/notifier';
import { deliverPlan, isHandled, type KeyRecorder, mergePlans, type NotificationPlan } from './delivery';

const NOW = new Date('2026-06-10T10:00:00Z');
const PLAN: NotificationPlan = {
  notifications: [{ key: 'a', title: 'prod: A', body: 'Body A', target: { view: 'updates', itemId: 'u-1' } }],
  handledKeys: ['skipped', 'a'],
};

describe('src/main/core/updates/delivery', () => {
  it('records the keys before raising the notifications, without the key', async () => {
    const order: string[] = [];
    const ledger: KeyRecorder = {
      record: async (keys) => {
        order.push(`record ${keys.join(',')}`);
      },
    };
    const notify = vi.fn((notification: AppNotification) => {
      order.push(`notify ${notification.title}`);
      return true;
    });
    const raised = await deliverPlan(PLAN, { ledger, notifier: { notify }, now: NOW });
    expect(order).toEqual(['record skipped,a', 'notify prod: A']);
    expect(notify).toHaveBeenCalledWith({
      title: 'prod: A',
      body: 'Body A',
      target: { view: 'updates', itemId: 'u-1' },
    });
    expect(raised).toEqual(PLAN.notifications);
  });

  it('raises nothing when the keys cannot be recorded, so nothing can repeat', async () => {
    const notify = vi.fn(() => true);
    const ledger: KeyRecorder = { record: () => Promise.reject(new Error('ENOSPC')) };
    await expect(deliverPlan(PLAN, { ledger, notifier: { notify }, now: NOW })).rejects.toThrow('ENOSPC');
    expect(notify).not.toHaveBeenCalled();
  });

  it('does not write when there is nothing to record', async () => {
    const record = vi.fn(async () => undefined);
    await deliverPlan(
      { notifications: [], handledKeys: [] },
      { ledger: { record }, notifier: { notify: () => true }, now: NOW },
    );
    expect(record).not.toHaveBeenCalled();
  });

  it('merges plans without repeating keys', () => {
    const merged = mergePlans([PLAN, { notifications: [], handledKeys: ['a', 'b'] }]);
    expect(merged.notifications).toHaveLength(1);
    expect(merged.handledKeys).toEqual(['skipped', 'a', 'b']);
  });

  it('counts a key as handled when recorded, or when it came due before the ledger lost its memory', () => {
    const sent = { has: (key: string) => key === 'known', assumeSentBefore: NOW };
    expect(isHandled(sent, 'known', new Date(NOW.getTime() + 1))).toBe(true);
    expect(isHandled(sent, 'other', new Date(NOW.getTime() - 1))).toBe(true);
    expect(isHandled(sent, 'other', NOW)).toBe(false);
    expect(isHandled(new Set<string>(), 'other', new Date(0))).toBe(false);
  });
});
