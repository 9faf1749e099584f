import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../test/mocks/electron'));
vi.mock('./lifecycle/startup', () => ({ startApp: vi.fn(() => Promise.resolve()) }));
vi.mock('./shell/app-protocol', () => ({ registerAppScheme: vi.fn(), serveDashboard: vi.fn() }));

type ElectronMock = typeof import('../../test/mocks/electron');

/** Fresh modules per test: the entry point does its work when it is first imported. */
async function loadFresh(lockGranted: boolean) {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as ElectronMock;
  electron.resetElectronMock();
  electron.app.lockGranted = lockGranted;
  const startup = await import('./lifecycle/startup');
  const protocol = await import('./shell/app-protocol');
  await import('./index');
  return {
    app: electron.app,
    startApp: vi.mocked(startup.startApp),
    registerAppScheme: vi.mocked(protocol.registerAppScheme),
  };
}

describe('main/index', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('quits and does not start when another instance holds the lock', async () => {
    const { app, startApp } = await loadFresh(false);
    expect(app.quitCalls).toBe(1);
    expect(startApp).not.toHaveBeenCalled();
  });

  it('starts the app, with the entry module URL, when it gets the lock', async () => {
    const { app, startApp } = await loadFresh(true);
    expect(startApp).toHaveBeenCalledTimes(1);
    expect(startApp.mock.calls[0]?.[0]).toMatch(/^file:.*\/src\/main\/index\.ts$/);
    expect(app.quitCalls).toBe(0);
  });

  it('registers the app:// scheme before starting the app', async () => {
    const { registerAppScheme, startApp } = await loadFresh(true);
    expect(registerAppScheme).toHaveBeenCalledTimes(1);
    expect(registerAppScheme.mock.invocationCallOrder[0]).toBeLessThan(
      startApp.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('registers the app:// scheme even when it quits for another instance', async () => {
    const { registerAppScheme } = await loadFresh(false);
    expect(registerAppScheme).toHaveBeenCalledTimes(1);
  });
});
