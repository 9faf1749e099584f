/**
 * Runs in Chromium in place of the Electron preload: the same `buildApi` from src/preload,
 * over an `ipcRenderer` look-alike that speaks HTTP to the bridge server (invoke) and
 * Server-Sent Events (main → page messages). Test-only; never shipped.
 */
import { buildApi, type IpcRendererLike } from '../../src/preload/build-api';
import { API_GLOBAL } from '../../src/shared/ipc/contract';

type Listener = (event: unknown, payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

const events = new EventSource('/__bridge/events');
events.onmessage = (message: MessageEvent<string>) => {
  const { channel, payload } = JSON.parse(message.data) as { channel: string; payload: unknown };
  for (const listener of listeners.get(channel) ?? []) listener({}, payload);
};

const ipc: IpcRendererLike = {
  async invoke(channel: string, payload?: unknown): Promise<unknown> {
    const response = await fetch(`/__bridge/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // JSON has no `undefined`: an absent key stands for it.
      body: JSON.stringify(payload === undefined ? {} : { payload }),
    });
    return response.json();
  },
  on(channel: string, listener: Listener): void {
    const set = listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener(channel: string, listener: Listener): void {
    listeners.get(channel)?.delete(listener);
  },
};

(window as unknown as Record<string, unknown>)[API_GLOBAL] = buildApi(ipc);
