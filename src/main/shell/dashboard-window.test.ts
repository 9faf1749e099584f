import type { HandlerDetails } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetElectronMock } from '../../../test/mocks/electron';
import { secureWebPreferences } from '../security/web-preferences';
import { DashboardWindow } from './dashboard-window';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const ENTRY = 'app://dashboard/index.html';
const PRELOAD = '/opt/app/out/preload/index.cjs';

function setup() {
  const onBlocked = vi.fn();
  const dashboard = new DashboardWindow({
    preloadPath: PRELOAD,
    entryUrl: ENTRY,
    iconPath: '/opt/app/assets/icon-256.png',
    onBlocked,
  });
  return { dashboard, onBlocked };
}

function onlyWindow(): BrowserWindow {
  expect(BrowserWindow.instances).toHaveLength(1);
  const win = BrowserWindow.instances[0];
  if (!win) throw new Error('no window was created');
  return win;
}

describe('main/shell/dashboard-window', () => {
  beforeEach(() => {
    resetElectronMock();
  });

  it('creates no window until it is first shown', () => {
    setup();
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('creates the window with the secure web preferences and the preload', () => {
    const { dashboard } = setup();
    dashboard.show();
    const win = onlyWindow();
    expect(win.options.webPreferences).toEqual(secureWebPreferences(PRELOAD));
    expect(win.options.show).toBe(false);
  });

  it('loads the entry URL without a hash when no view is asked for', () => {
    const { dashboard } = setup();
    dashboard.show();
    expect(onlyWindow().loadedUrl).toBe(ENTRY);
  });

  it('shows the window once it is ready to show', () => {
    const { dashboard } = setup();
    dashboard.show();
    const win = onlyWindow();
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(dashboard.isVisible()).toBe(true);
  });

  it('loads the asked-for view in the URL hash of a new window', () => {
    const { dashboard } = setup();
    dashboard.show({ view: 'updates' });
    expect(onlyWindow().loadedUrl).toBe(`${ENTRY}#/updates`);
  });

  it('encodes an item id in the URL hash', () => {
    const { dashboard } = setup();
    dashboard.show({ view: 'apply', itemId: 'prod/update #3' });
    expect(onlyWindow().loadedUrl).toBe(`${ENTRY}#/apply/prod%2Fupdate%20%233`);
  });

  it('sends nav:navigate to an existing window, then shows and focuses it', () => {
    const { dashboard } = setup();
    dashboard.show();
    const win = onlyWindow();
    win.minimized = true;
    dashboard.show({ view: 'updates', itemId: 'u-1' });
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(win.webContents.sent).toEqual([
      { channel: 'nav:navigate', payload: { view: 'updates', itemId: 'u-1' } },
    ]);
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(win.loadedUrl).toBe(ENTRY);
  });

  it('sends no navigation when an existing window is shown without a target', () => {
    const { dashboard } = setup();
    dashboard.show();
    dashboard.show();
    expect(onlyWindow().webContents.sent).toEqual([]);
  });

  it('hides the window instead of destroying it when the user closes it', () => {
    const { dashboard } = setup();
    dashboard.show();
    const win = onlyWindow();
    win.show();
    expect(win.close()).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    expect(win.visible).toBe(false);
    dashboard.show();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(win.visible).toBe(true);
  });

  it('really closes after prepareToQuit()', () => {
    const { dashboard } = setup();
    dashboard.show();
    const win = onlyWindow();
    dashboard.prepareToQuit();
    expect(win.close()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
    expect(dashboard.isVisible()).toBe(false);
  });

  it('creates a new window when shown after the old one was destroyed', () => {
    const { dashboard } = setup();
    dashboard.show();
    dashboard.prepareToQuit();
    BrowserWindow.instances[0]?.close();
    dashboard.show({ view: 'history' });
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(BrowserWindow.instances[1]?.loadedUrl).toBe(`${ENTRY}#/history`);
  });

  it('forwards send() to the live window and drops it when there is none', () => {
    const { dashboard } = setup();
    dashboard.send('status:changed', { state: 'ok' });
    dashboard.show();
    dashboard.send('status:changed', { state: 'ok' });
    expect(onlyWindow().webContents.sent).toEqual([{ channel: 'status:changed', payload: { state: 'ok' } }]);
  });

  it('denies a window.open from the dashboard and reports it', () => {
    const { dashboard, onBlocked } = setup();
    dashboard.show();
    const handler = onlyWindow().webContents.windowOpenHandler;
    expect(handler).not.toBeNull();
    const details = { url: 'https://example.com/', frameName: '', features: '' } as unknown as HandlerDetails;
    expect(handler?.(details)).toEqual({ action: 'deny' });
    expect(onBlocked).toHaveBeenCalledWith('window.open');
  });

  it('cancels navigation away from the dashboard', () => {
    const { dashboard } = setup();
    dashboard.show();
    expect(onlyWindow().webContents.fireCancellable('will-navigate', 'https://example.com/')).toBe(true);
  });
});
