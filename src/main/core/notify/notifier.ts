import type { NavigationTarget } from '../../../shared/views';

/** A desktop notification as core decides it; the shell raises it natively. */
export interface AppNotification {
  readonly title: string;
  readonly body: string;
  /** The view a click opens. */
  readonly target: NavigationTarget;
}

export interface Notifier {
  /** Returns false where the OS offers no notifications (the tray still shows the state). */
  notify(notification: AppNotification): boolean;
}
