import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';
import type { StatusSnapshot } from '../../shared/status';
import { headlineFor } from '../core/status/tray-state';
import { fitTooltip, trayIconPath } from './tray-icon-path';

export interface TrayActions {
  openDashboard(): void;
  checkNow(): void;
  /** The menu is about to show: the admin is looking, so the status should be fresh. */
  menuOpened(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export interface TrayOptions {
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  readonly startAtLoginSupported: boolean;
  readonly actions: TrayActions;
}

/** The tray icon as a small state machine: one icon, tooltip and menu per status snapshot. */
export class TrayController {
  private tray: Tray | null = null;
  private snapshot: StatusSnapshot | null = null;
  private startAtLogin = false;

  constructor(private readonly options: TrayOptions) {}

  create(snapshot: StatusSnapshot, startAtLogin: boolean): void {
    const { platform, actions } = this.options;
    this.tray = new Tray(
      nativeImage.createFromPath(trayIconPath(this.options.iconDir, snapshot.state, platform)),
    );
    if (platform === 'win32') {
      // Windows users expect a left click on a tray icon to open the app; the menu stays on
      // right click. Linux (AppIndicator) emits no click events, so the menu is all it has,
      // and macOS menu-bar apps show their menu on click.
      this.tray.on('click', () => actions.openDashboard());
    }
    this.startAtLogin = startAtLogin;
    this.update(snapshot);
  }

  update(snapshot: StatusSnapshot): void {
    this.snapshot = snapshot;
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return;
    const { platform, iconDir } = this.options;
    tray.setImage(nativeImage.createFromPath(trayIconPath(iconDir, snapshot.state, platform)));
    tray.setToolTip(fitTooltip(snapshot.tooltip, platform));
    const menu = Menu.buildFromTemplate(this.menuTemplate(snapshot));
    // Opening the menu refreshes at once (coalesced) on macOS and Windows. Linux's AppIndicator /
    // StatusNotifierItem renders the menu over D-Bus and Electron emits no menu events for it
    // (electron/electron#28837), so there the menu's "Check now" and the dashboard stand in.
    menu.on('menu-will-show', () => this.options.actions.menuOpened());
    tray.setContextMenu(menu);
  }

  setStartAtLogin(enabled: boolean): void {
    this.startAtLogin = enabled;
    if (this.snapshot) this.update(this.snapshot);
  }

  destroy(): void {
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
    this.tray = null;
  }

  private menuTemplate(snapshot: StatusSnapshot): MenuItemConstructorOptions[] {
    const { actions, startAtLoginSupported } = this.options;
    const cellItems: MenuItemConstructorOptions[] =
      snapshot.cells.length === 0
        ? [{ label: 'No cell set up yet', enabled: false }]
        : snapshot.cells.map((cell) => ({
            label: `${cell.name} · ${cell.line}`,
            click: () => actions.openDashboard(),
          }));
    return [
      // Linux desktops often do not show tray tooltips, so the headline is in the menu too.
      { label: headlineFor(snapshot.state, snapshot.cells), enabled: false },
      ...cellItems,
      { type: 'separator' },
      { label: 'Open dashboard', click: () => actions.openDashboard() },
      {
        label: snapshot.checking ? 'Checking…' : 'Check now',
        enabled: !snapshot.checking,
        click: () => actions.checkNow(),
      },
      { type: 'separator' },
      {
        label: 'Start at login',
        type: 'checkbox',
        checked: this.startAtLogin,
        enabled: startAtLoginSupported,
        click: (item) => actions.setStartAtLogin(item.checked),
      },
      { type: 'separator' },
      { label: 'Quit Dedicated Admin', click: () => actions.quit() },
    ];
  }
}
