import { basename } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeMenu, resetElectronMock, Tray } from '../../../test/mocks/electron';
import { type StatusSnapshot, TRAY_STATES, type TrayState } from '../../shared/status';
import { STATE_HEADLINES } from '../core/status/tray-state';
import { type TrayActions, TrayController } from './tray';

vi.mock('electron', () => import('../../../test/mocks/electron'));

function snapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    state: 'attention',
    tooltip: 'Dedicated Admin: Infrastructure update pending\nprod · infrastructure update due in 5 days',
    cells: [
      { name: 'prod', state: 'attention', line: 'infrastructure update due in 5 days' },
      { name: 'staging', state: 'ok', line: 'up to date' },
    ],
    checkedAt: '2025-01-01T10:00:00.000Z',
    checking: false,
    ...overrides,
  };
}

function actionSpies() {
  return {
    openDashboard: vi.fn<TrayActions['openDashboard']>(),
    checkNow: vi.fn<TrayActions['checkNow']>(),
    menuOpened: vi.fn<TrayActions['menuOpened']>(),
    setStartAtLogin: vi.fn<TrayActions['setStartAtLogin']>(),
    quit: vi.fn<TrayActions['quit']>(),
  } satisfies TrayActions;
}

function setup(
  options: { platform?: NodeJS.Platform; startAtLoginSupported?: boolean; startAtLogin?: boolean } = {},
  initial: StatusSnapshot = snapshot(),
) {
  const actions = actionSpies();
  const controller = new TrayController({
    iconDir: '/opt/app/assets/tray',
    platform: options.platform ?? 'linux',
    startAtLoginSupported: options.startAtLoginSupported ?? true,
    actions,
  });
  controller.create(initial, options.startAtLogin ?? false);
  const tray = Tray.instances[0];
  if (!tray) throw new Error('no tray was created');
  return { controller, actions, tray };
}

function menuOf(tray: Tray): FakeMenu {
  if (!tray.contextMenu) throw new Error('the tray has no menu');
  return tray.contextMenu;
}

function item(tray: Tray, label: string) {
  const found = menuOf(tray).template.find((entry) => entry.label === label);
  if (!found) throw new Error(`no menu item "${label}"`);
  return found;
}

describe('main/shell/tray', () => {
  beforeEach(() => {
    resetElectronMock();
  });

  describe.each(TRAY_STATES)('in state %s', (state: TrayState) => {
    it.each([
      ['linux', `tray-${state}.png`],
      ['win32', `tray-${state}.png`],
      ['darwin', `tray-${state}Template.png`],
    ] as const)('uses the %s icon %s', (platform, file) => {
      const { controller, tray } = setup({ platform }, snapshot({ state: 'ok' }));
      controller.update(snapshot({ state, tooltip: `tooltip for ${state}` }));
      expect(basename(tray.image.path)).toBe(file);
      expect(tray.image.path.startsWith('/opt/app/assets/tray')).toBe(true);
    });

    it("sets the snapshot's tooltip and headline", () => {
      const { controller, tray } = setup();
      controller.update(snapshot({ state, tooltip: `tooltip for ${state}` }));
      expect(tray.toolTip).toBe(`tooltip for ${state}`);
      expect(menuOf(tray).labels()[0]).toBe(STATE_HEADLINES[state]);
      expect(item(tray, STATE_HEADLINES[state]).enabled).toBe(false);
    });
  });

  it('creates the tray with the icon of the first snapshot', () => {
    const { tray } = setup({ platform: 'darwin' }, snapshot({ state: 'urgent' }));
    expect(basename(tray.image.path)).toBe('tray-urgentTemplate.png');
    expect(Tray.instances).toHaveLength(1);
  });

  it('asks for a fresh status when its menu is about to show', () => {
    const { actions, tray } = setup();
    menuOf(tray).emit('menu-will-show');
    expect(actions.menuOpened).toHaveBeenCalledTimes(1);
  });

  it('lists the menu: headline, a line per cell, then the actions', () => {
    const { tray } = setup();
    expect(menuOf(tray).labels()).toEqual([
      'Infrastructure update pending',
      'prod · infrastructure update due in 5 days',
      'staging · up to date',
      'Open dashboard',
      'Check now',
      'Start at login',
      'Quit Dedicated Admin',
    ]);
  });

  it('says no cell is set up when there are none', () => {
    const { tray } = setup({}, snapshot({ state: 'ok', cells: [] }));
    expect(menuOf(tray).labels()[1]).toBe('No cell set up yet');
    expect(item(tray, 'No cell set up yet').enabled).toBe(false);
  });

  it('opens the dashboard from "Open dashboard" and from a cell line', () => {
    const { tray, actions } = setup();
    menuOf(tray).click('Open dashboard');
    menuOf(tray).click('prod · infrastructure update due in 5 days');
    expect(actions.openDashboard).toHaveBeenCalledTimes(2);
  });

  it('checks now from "Check now"', () => {
    const { tray, actions } = setup();
    menuOf(tray).click('Check now');
    expect(actions.checkNow).toHaveBeenCalledTimes(1);
  });

  it('shows "Checking…", disabled, while a check runs', () => {
    const { controller, tray } = setup();
    controller.update(snapshot({ checking: true }));
    expect(menuOf(tray).labels()).not.toContain('Check now');
    expect(item(tray, 'Checking…').enabled).toBe(false);
    expect(() => menuOf(tray).click('Checking…')).toThrow(/disabled/);
    controller.update(snapshot({ checking: false }));
    expect(item(tray, 'Check now').enabled).toBe(true);
  });

  it('quits from "Quit Dedicated Admin"', () => {
    const { tray, actions } = setup();
    menuOf(tray).click('Quit Dedicated Admin');
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('shows "Start at login" as a checkbox that follows setStartAtLogin', () => {
    const { controller, tray } = setup({ startAtLogin: false });
    expect(item(tray, 'Start at login')).toMatchObject({ type: 'checkbox', checked: false, enabled: true });
    controller.setStartAtLogin(true);
    expect(item(tray, 'Start at login').checked).toBe(true);
    controller.setStartAtLogin(false);
    expect(item(tray, 'Start at login').checked).toBe(false);
  });

  it('starts with "Start at login" checked when it is enabled', () => {
    const { tray } = setup({ startAtLogin: true });
    expect(item(tray, 'Start at login').checked).toBe(true);
  });

  it('passes the checkbox state the user chose to setStartAtLogin', () => {
    const { tray, actions } = setup({ startAtLogin: false });
    menuOf(tray).click('Start at login', { checked: true });
    expect(actions.setStartAtLogin).toHaveBeenCalledWith(true);
    menuOf(tray).click('Start at login', { checked: false });
    expect(actions.setStartAtLogin).toHaveBeenLastCalledWith(false);
  });

  it('disables "Start at login" where it is not supported', () => {
    const { tray, actions } = setup({ startAtLoginSupported: false });
    expect(item(tray, 'Start at login').enabled).toBe(false);
    expect(() => menuOf(tray).click('Start at login')).toThrow(/disabled/);
    expect(actions.setStartAtLogin).not.toHaveBeenCalled();
  });

  it('opens the dashboard on a left click on Windows', () => {
    const { tray, actions } = setup({ platform: 'win32' });
    expect(tray.listenerCount('click')).toBe(1);
    tray.emit('click');
    expect(actions.openDashboard).toHaveBeenCalledTimes(1);
  });

  it.each(['linux', 'darwin'] as const)('adds no click listener on %s', (platform) => {
    const { tray } = setup({ platform });
    expect(tray.listenerCount('click')).toBe(0);
  });

  it('cuts Windows tooltips to 127 characters', () => {
    const { controller, tray } = setup({ platform: 'win32' });
    controller.update(snapshot({ tooltip: 'x'.repeat(300) }));
    expect(tray.toolTip).toHaveLength(127);
    expect(tray.toolTip.endsWith('…')).toBe(true);
  });

  it('keeps a 127-character tooltip whole on Windows and long ones elsewhere', () => {
    const win = setup({ platform: 'win32' });
    win.controller.update(snapshot({ tooltip: 'y'.repeat(127) }));
    expect(win.tray.toolTip).toBe('y'.repeat(127));
    resetElectronMock();
    const linux = setup({ platform: 'linux' });
    linux.controller.update(snapshot({ tooltip: 'z'.repeat(300) }));
    expect(linux.tray.toolTip).toBe('z'.repeat(300));
  });

  it('destroys the tray and ignores later updates', () => {
    const { controller, tray } = setup();
    controller.destroy();
    expect(tray.isDestroyed()).toBe(true);
    expect(() => {
      controller.update(snapshot({ state: 'error' }));
      controller.setStartAtLogin(true);
      controller.destroy();
    }).not.toThrow();
    expect(basename(tray.image.path)).toBe('tray-attention.png');
  });

  it('does nothing on update before create', () => {
    const controller = new TrayController({
      iconDir: '/icons',
      platform: 'linux',
      startAtLoginSupported: true,
      actions: actionSpies(),
    });
    expect(() => controller.update(snapshot())).not.toThrow();
    expect(Tray.instances).toHaveLength(0);
  });
});
