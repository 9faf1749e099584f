import { describe, expect, it, vi } from 'vitest';
import type { AppStatusState } from '../../shared/app-status/app-status-ipc';
import { appError } from '../core/errors/app-error';
import { createMemoryLogger } from '../core/log/logger';
import { IpcRegistry } from '../ipc/registry';
import { type AppStatusHandlerDeps, registerAppStatusHandlers } from './app-status-handlers';

const CELL = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TOKEN = 'gitpod_pat_handlers.unit-secret-77e1';
const SECRET = 'unit-secret-77e1';

const STATE: AppStatusState = {
  mode: 'tray',
  cells: [],
  tokenStorage: { available: true, problem: null, nextStep: null },
};

function setup(overrides: Partial<AppStatusHandlerDeps> = {}) {
  const logger = createMemoryLogger();
  const deps: AppStatusHandlerDeps = {
    appStatusState: vi.fn(() => STATE),
    checkAppStatus: vi.fn(async () => STATE),
    setAppToken: vi.fn(async () => STATE),
    clearAppToken: vi.fn(async () => STATE),
    ...overrides,
  };
  const registry = new IpcRegistry(logger);
  registerAppStatusHandlers(registry, deps);
  const logText = (): string => logger.lines.map((line) => line.message).join('\n');
  return { registry, deps, logText };
}

describe('main/handlers/app-status-handlers', () => {
  it('answers get and checkNow for one cell or all', async () => {
    const { registry, deps } = setup();
    expect(await registry.dispatch('app-status:get', undefined)).toEqual({ ok: true, value: STATE });
    await registry.dispatch('app-status:check-now', { cellId: CELL });
    await registry.dispatch('app-status:check-now', {});
    expect(deps.checkAppStatus).toHaveBeenNthCalledWith(1, CELL);
    expect(deps.checkAppStatus).toHaveBeenNthCalledWith(2, undefined);
  });

  it('hands a pasted token to main trimmed, and answers with the status, not the token', async () => {
    const { registry, deps, logText } = setup();
    const result = await registry.dispatch('app-status:set-token', { cellId: CELL, token: ` ${TOKEN}\n` });
    expect(deps.setAppToken).toHaveBeenCalledWith(CELL, TOKEN);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(logText()).not.toContain(SECRET);
  });

  it.each([
    ['not a Gitpod token', { cellId: CELL, token: `ghp_${SECRET}` }],
    ['a token with a space in it', { cellId: CELL, token: `${TOKEN} ${SECRET}` }],
    ['an over-long token', { cellId: CELL, token: `${TOKEN}${'x'.repeat(1100)}` }],
    ['an extra field', { cellId: CELL, token: TOKEN, echo: TOKEN }],
    ['no cell id', { token: TOKEN }],
  ])('refuses %s before a handler runs, logging neither the token nor its parts', async (_label, payload) => {
    const { registry, deps, logText } = setup();
    const result = await registry.dispatch('app-status:set-token', payload);
    expect(result.ok).toBe(false);
    expect(deps.setAppToken).not.toHaveBeenCalled();
    expect(logText()).toMatch(/rejected malformed request on app-status:set-token/);
    expect(logText()).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('passes a refusal to store on with its next step', async () => {
    const { registry } = setup({
      setAppToken: async () => {
        throw appError('keychain-unavailable', 'The OS keychain is not available.', 'Unlock it.');
      },
    });
    expect(await registry.dispatch('app-status:set-token', { cellId: CELL, token: TOKEN })).toEqual({
      ok: false,
      error: {
        code: 'keychain-unavailable',
        message: 'The OS keychain is not available.',
        nextStep: 'Unlock it.',
      },
    });
  });

  it('redacts a token even from an unexpected failure’s log line, and never returns it', async () => {
    const { registry, logText } = setup({
      setAppToken: async (_cellId, token) => {
        throw new Error(`keychain write failed for ${token}`);
      },
    });
    const result = await registry.dispatch('app-status:set-token', { cellId: CELL, token: TOKEN });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logText()).toMatch(
      /app-status:set-token threw Error: keychain write failed for gitpod_pat_\[REDACTED\]/,
    );
    expect(logText()).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
