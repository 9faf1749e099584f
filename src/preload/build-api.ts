import type { Result } from '../shared/errors';
import type { DedicatedAdminApi, Unsubscribe } from '../shared/ipc/api';
import { type EventName, ipcContract, ipcEvents, listInvokeChannels } from '../shared/ipc/contract';

/** The part of `ipcRenderer` the bridge uses; a structural type so tests need no Electron. */
export interface IpcRendererLike {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * Builds the one object the dashboard sees: a named method per contract entry, each bound to
 * its own channel. There is deliberately no generic `invoke(channel)` or `send`: a compromised
 * page can only call what the contract names, and main validates even that.
 */
export function buildApi(ipc: IpcRendererLike): DedicatedAdminApi {
  const api: Record<string, unknown> = {};
  for (const area of Object.keys(ipcContract)) {
    api[area] = {};
  }
  for (const { area, method, spec } of listInvokeChannels()) {
    const channel = spec.channel;
    (api[area] as Record<string, unknown>)[method] = (request?: unknown) =>
      ipc.invoke(channel, request) as Promise<Result<unknown>>;
  }
  const on: Record<string, unknown> = {};
  for (const name of Object.keys(ipcEvents) as EventName[]) {
    const { channel } = ipcEvents[name];
    on[name] = (listener: (payload: unknown) => void): Unsubscribe => {
      // The Electron event object stays here: it carries `sender`, which the page must not get.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    };
  }
  api.on = on;
  return Object.freeze(api) as unknown as DedicatedAdminApi;
}
