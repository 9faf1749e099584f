import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcMain, resetElectronMock } from '../../../test/mocks/electron';
import type { Result } from '../../shared/errors';
import { createMemoryLogger } from '../core/log/logger';
import { APP_ORIGIN } from '../security/app-protocol-path';
import { bindIpcMain } from './bind-ipc-main';
import { IpcRegistry } from './registry';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const SNAPSHOT = { state: 'ok' as const, tooltip: 'fine', cells: [], checkedAt: null, checking: false };

function setup() {
  const logger = createMemoryLogger();
  const registry = new IpcRegistry(logger);
  const handler = vi.fn(() => SNAPSHOT);
  registry.handle('status', 'get', handler);
  const dispose = bindIpcMain(ipcMain, registry, [APP_ORIGIN], logger);
  return { logger, handler, dispose };
}

function eventFrom(senderFrame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { senderFrame } as unknown as IpcMainInvokeEvent;
}

async function call(channel: string, event: IpcMainInvokeEvent, payload?: unknown): Promise<Result<unknown>> {
  const listener = ipcMain.handlers.get(channel);
  if (!listener) throw new Error(`no ipcMain handler for ${channel}`);
  return (await listener(event, payload)) as Result<unknown>;
}

describe('main/ipc/bind-ipc-main', () => {
  beforeEach(() => {
    resetElectronMock();
  });

  it('registers one ipcMain handler per registry channel', () => {
    setup();
    expect([...ipcMain.handlers.keys()]).toEqual(['status:get']);
  });

  it('lets a call from the trusted dashboard top frame reach the handler', async () => {
    const { handler } = setup();
    const result = await call('status:get', eventFrom({ url: 'app://dashboard/index.html', parent: null }));
    expect(result).toEqual({ ok: true, value: SNAPSHOT });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('still validates the payload of a trusted call', async () => {
    const { handler } = setup();
    const result = await call('status:get', eventFrom({ url: 'app://dashboard/index.html', parent: null }), {
      x: 1,
    });
    expect(result.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a subframe',
      { url: 'app://dashboard/index.html', parent: { url: 'app://dashboard/index.html', parent: null } },
    ],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['another app host', { url: 'app://evil/index.html', parent: null }],
    ['a file: page', { url: 'file:///tmp/index.html', parent: null }],
    ['a null senderFrame', null],
    ['an unparsable URL', { url: '::not a url::', parent: null }],
  ])('refuses a call from %s with untrusted-sender and never runs the handler', async (_kind, frame) => {
    const { handler, logger } = setup();
    const result = await call('status:get', eventFrom(frame));
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'untrusted-sender' }) });
    expect(handler).not.toHaveBeenCalled();
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('status:get'))).toBe(
      true,
    );
  });

  it('removes its handlers when disposed', () => {
    const { dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
