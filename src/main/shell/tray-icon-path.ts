import { join } from 'node:path';
import type { TrayState } from '../../shared/status';

/**
 * macOS menu bars want template images (black + alpha, named *Template) which the OS tints
 * for light and dark bars; the states differ by badge shape, not colour, so they survive the
 * tinting. Windows and Linux get coloured icons. Electron picks the @2x file on HiDPI itself.
 */
export function trayIconPath(iconDir: string, state: TrayState, platform: NodeJS.Platform): string {
  const suffix = platform === 'darwin' ? 'Template' : '';
  return join(iconDir, `tray-${state}${suffix}.png`);
}

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip); cut cleanly instead. */
export function fitTooltip(text: string, platform: NodeJS.Platform): string {
  const limit = platform === 'win32' ? 127 : 1024;
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
