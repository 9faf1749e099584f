import type { TrayState } from '../../../shared/status';

/** Every state has words, so the pill never relies on colour alone. */
export const TRAY_STATE_LABELS: Record<TrayState, string> = {
  ok: 'All up to date',
  attention: 'Update pending',
  urgent: 'Urgent',
  error: 'Problem',
  offline: 'Offline',
};
