import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DedicatedAdminApi } from '../shared/ipc/api';
import { API_GLOBAL, ipcContract, ipcEvents } from '../shared/ipc/contract';

vi.mock('electron', () => import('../../test/mocks/electron'));

type ElectronMock = typeof import('../../test/mocks/electron');

let electron: ElectronMock;

/** Loads the preload afresh against a fresh mock and returns what it exposed. */
async function loadPreload(): Promise<Map<string, unknown>> {
  await import('./index');
  return electron.contextBridge.exposed;
}

async function exposedApi(): Promise<DedicatedAdminApi> {
  const exposed = await loadPreload();
  return exposed.get(API_GLOBAL) as DedicatedAdminApi;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Every key at every depth of the exposed object, as dotted paths. */
function allPaths(value: unknown, prefix = ''): string[] {
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...allPaths(value[key], path)];
  });
}

describe('preload/index', () => {
  beforeEach(async () => {
    vi.resetModules();
    // The module that `electron` resolves to in this registry, i.e. the one the preload gets.
    electron = (await import('electron')) as unknown as ElectronMock;
    electron.resetElectronMock();
  });

  it('exposes exactly one object, under dedicatedAdmin', async () => {
    const exposed = await loadPreload();
    expect([...exposed.keys()]).toEqual([API_GLOBAL]);
    expect(isRecord(exposed.get(API_GLOBAL))).toBe(true);
  });

  it("has the contract's areas plus `on` as its keys", async () => {
    const api = await exposedApi();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(ipcContract), 'on'].sort());
  });

  it.each(Object.keys(ipcContract))(
    "gives area %s exactly the contract's methods, each a function",
    async (area) => {
      const api = await exposedApi();
      const exposedArea = (api as unknown as Record<string, Record<string, unknown>>)[area] ?? {};
      const methods = Object.keys(ipcContract[area as keyof typeof ipcContract]);
      expect(Object.keys(exposedArea).sort()).toEqual([...methods].sort());
      for (const method of methods) expect(typeof exposedArea[method]).toBe('function');
    },
  );

  it('gives `on` exactly one subscriber function per event', async () => {
    const api = await exposedApi();
    expect(Object.keys(api.on).sort()).toEqual(Object.keys(ipcEvents).sort());
    for (const subscribe of Object.values(api.on)) expect(typeof subscribe).toBe('function');
  });

  it('offers no generic invoke, send or ipcRenderer at any depth', async () => {
    const api = await exposedApi();
    const names = allPaths(api).map((path) => path.split('.').at(-1) ?? '');
    for (const forbidden of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage', 'emit']) {
      expect(names).not.toContain(forbidden);
    }
    expect(allPaths(api).length).toBeGreaterThan(0);
  });

  it('cannot be extended by the page: the top-level object is frozen', async () => {
    const api = await exposedApi();
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('calls status:check-now with no payload for api.status.checkNow()', async () => {
    const api = await exposedApi();
    await api.status.checkNow();
    expect(electron.ipcRenderer.invoked).toEqual([{ channel: 'status:check-now', payload: undefined }]);
  });

  it('sends the request object on the method channel for api.app.openExternal()', async () => {
    const api = await exposedApi();
    await api.app.openExternal({ url: 'https://example.com/' });
    expect(electron.ipcRenderer.invoked).toEqual([
      { channel: 'app:open-external', payload: { url: 'https://example.com/' } },
    ]);
  });

  it('hands a navigate listener only the payload, never the Electron event', async () => {
    const api = await exposedApi();
    const listener = vi.fn();
    api.on.navigate(listener);
    const registered = electron.ipcRenderer.listeners.get('nav:navigate');
    expect(registered?.size).toBe(1);
    const fakeEvent = { sender: { send: vi.fn() }, ports: [] };
    for (const wrapped of registered ?? []) wrapped(fakeEvent, { view: 'updates' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ view: 'updates' }]);
  });

  it('removes the navigate listener when unsubscribed', async () => {
    const api = await exposedApi();
    const listener = vi.fn();
    const unsubscribe = api.on.navigate(listener);
    expect(electron.ipcRenderer.listeners.get('nav:navigate')?.size).toBe(1);
    unsubscribe();
    expect(electron.ipcRenderer.listeners.get('nav:navigate')?.size).toBe(0);
  });
});
