import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notification, resetElectronMock } from '../../../test/mocks/electron';
import type { NavigationTarget } from '../../shared/views';
import { createNativeNotifier } from './notifications';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const NOTIFICATION = {
  title: 'Infrastructure update due in 2 days',
  body: 'prod: apply the pending update before Friday.',
  target: { view: 'updates', itemId: 'prod-1' } satisfies NavigationTarget,
};

describe('main/shell/notifications', () => {
  beforeEach(() => {
    resetElectronMock();
  });

  it('shows a native notification with the title and body', () => {
    const notifier = createNativeNotifier(vi.fn());
    expect(notifier.notify(NOTIFICATION)).toBe(true);
    expect(Notification.instances).toHaveLength(1);
    const native = Notification.instances[0];
    expect(native?.options).toEqual({ title: NOTIFICATION.title, body: NOTIFICATION.body });
    expect(native?.shown).toBe(true);
  });

  it('calls onClick with the target when the notification is clicked', () => {
    const onClick = vi.fn();
    createNativeNotifier(onClick).notify(NOTIFICATION);
    expect(onClick).not.toHaveBeenCalled();
    Notification.instances[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ view: 'updates', itemId: 'prod-1' });
  });

  it('routes each click to its own notification target', () => {
    const onClick = vi.fn();
    const notifier = createNativeNotifier(onClick);
    notifier.notify(NOTIFICATION);
    notifier.notify({ ...NOTIFICATION, target: { view: 'history' } });
    Notification.instances[1]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith({ view: 'history' });
  });

  it('does not call onClick when the notification is only closed', () => {
    const onClick = vi.fn();
    createNativeNotifier(onClick).notify(NOTIFICATION);
    Notification.instances[0]?.emit('close');
    expect(onClick).not.toHaveBeenCalled();
  });

  it('returns false and shows nothing where notifications are unsupported', () => {
    Notification.supported = false;
    const onClick = vi.fn();
    expect(createNativeNotifier(onClick).notify(NOTIFICATION)).toBe(false);
    expect(Notification.instances).toHaveLength(0);
  });
});
