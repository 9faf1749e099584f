import { Notification } from 'electron';
import type { NavigationTarget } from '../../shared/views';
import type { AppNotification, Notifier } from '../core/notify/notifier';

/**
 * Raises native notifications from main. Each one is kept referenced until it closes: a
 * notification that is garbage-collected loses its click handler on some platforms.
 */
export function createNativeNotifier(onClick: (target: NavigationTarget) => void): Notifier {
  const live = new Set<Notification>();
  return {
    notify(notification: AppNotification): boolean {
      if (!Notification.isSupported()) return false;
      const native = new Notification({ title: notification.title, body: notification.body });
      live.add(native);
      native.on('click', () => {
        live.delete(native);
        onClick(notification.target);
      });
      native.on('close', () => live.delete(native));
      native.show();
      return true;
    },
  };
}
