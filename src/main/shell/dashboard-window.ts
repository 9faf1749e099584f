import { BrowserWindow } from 'electron';
import { ipcEvents } from '../../shared/ipc/contract';
import type { NavigationTarget } from '../../shared/views';
import { hardenWebContents } from '../security/harden-web-contents';
import { secureWebPreferences } from '../security/web-preferences';

export interface DashboardOptions {
  readonly preloadPath: string;
  /** app://dashboard/index.html in builds, the Vite dev server in development. */
  readonly entryUrl: string;
  readonly iconPath: string;
  readonly onBlocked: (what: string) => void;
}

/**
 * The dashboard window. Closing it hides it (the app lives in the tray); it is destroyed only
 * when the app quits. Created lazily, so an idle tray app holds no renderer process.
 */
export class DashboardWindow {
  private window: BrowserWindow | null = null;
  private quitting = false;

  constructor(private readonly options: DashboardOptions) {}

  isVisible(): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.isVisible();
  }

  show(target?: NavigationTarget): void {
    const existing = this.window;
    if (existing && !existing.isDestroyed()) {
      if (target) existing.webContents.send(ipcEvents.navigate.channel, target);
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    this.window = this.create(target);
  }

  send(channel: string, payload: unknown): void {
    const win = this.window;
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  }

  /** Called on before-quit: from now on, close really closes. */
  prepareToQuit(): void {
    this.quitting = true;
  }

  private create(target?: NavigationTarget): BrowserWindow {
    const win = new BrowserWindow({
      width: 1100,
      height: 760,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Dedicated Admin',
      icon: this.options.iconPath,
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.options.preloadPath),
    });
    hardenWebContents(win.webContents, this.options.onBlocked);
    win.on('close', (event) => {
      if (!this.quitting) {
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      if (this.window === win) this.window = null;
    });
    win.once('ready-to-show', () => win.show());
    // The first view travels in the URL hash: the page reads it before it renders.
    const hash = target
      ? `#/${target.view}${target.itemId ? `/${encodeURIComponent(target.itemId)}` : ''}`
      : '';
    void win.loadURL(`${this.options.entryUrl}${hash}`);
    return win;
  }
}
