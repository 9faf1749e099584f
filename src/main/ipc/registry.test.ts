import { describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../shared/app-info';
import type { Result } from '../../shared/errors';
import type { MethodOf } from '../../shared/ipc/contract';
import { DEFAULT_MONITORING } from '../../shared/monitoring-settings';
import { AppErrorException, appError } from '../core/errors/app-error';
import { createMemoryLogger, type Logger } from '../core/log/logger';
import { IpcRegistry } from './registry';

const SECRET = 'gitpod_pat_SECRETVALUE';

const INFO: AppInfo = {
  name: 'Dedicated Admin',
  version: '0.1.0',
  platform: 'linux',
  settingsDir: '/home/u/.config/Dedicated Admin',
  logFile: '/home/u/.config/Dedicated Admin/logs/main.log',
  issuesUrl: 'https://github.com/gitpod-io/dedicated-admin/issues',
};

/** A logger that keeps messages exactly as the registry wrote them (no redaction on the way). */
function rawLogger(): Logger & { readonly messages: string[] } {
  const messages: string[] = [];
  const record = (message: string): void => {
    messages.push(message);
  };
  return { messages, debug: record, info: record, warn: record, error: record };
}

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A registry with spies on the two methods the malformed-payload cases call. */
function registryWithSpies() {
  const logger = rawLogger();
  const registry = new IpcRegistry(logger);
  const openExternal = vi.fn(() => ({ opened: true as const }));
  const setStartAtLogin = vi.fn(() => ({
    startAtLogin: true,
    startAtLoginSupported: true,
    monitoring: DEFAULT_MONITORING,
  }));
  const checkNow = vi.fn(() => ({
    state: 'ok' as const,
    tooltip: '',
    cells: [],
    checkedAt: null,
    checking: false,
  }));
  registry.handle('app', 'openExternal', openExternal);
  registry.handle('preferences', 'setStartAtLogin', setStartAtLogin);
  registry.handle('status', 'checkNow', checkNow);
  return { registry, logger, spies: [openExternal, setStartAtLogin, checkNow] };
}

const MALFORMED: ReadonlyArray<[string, string, unknown]> = [
  ['a wrong type', 'preferences:set-start-at-login', { enabled: SECRET }],
  ['an extra key', 'app:open-external', { url: 'https://example.com/', token: SECRET }],
  ['an extra key named like a secret', 'preferences:set-start-at-login', { enabled: true, [SECRET]: 1 }],
  ['a missing key', 'app:open-external', {}],
  ['a payload that is not an object', 'app:open-external', SECRET],
  ['an oversized string', 'app:open-external', { url: `https://example.com/?t=${SECRET.repeat(200)}` }],
  ['a payload for a no-argument method', 'status:check-now', SECRET],
  ['an object for a no-argument method', 'status:check-now', { token: SECRET }],
];

describe('main/ipc/registry', () => {
  describe.each(MALFORMED)('a request with %s', (_kind, channel, payload) => {
    it('is rejected as invalid-request, naming the channel, and the handler never runs', async () => {
      const { registry, spies } = registryWithSpies();
      const error = failure(await registry.dispatch(channel, payload));
      expect(error.code).toBe('invalid-request');
      expect(error.message).toContain(channel);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });

    it('does not echo the rejected value in the error or the log', async () => {
      const { registry, logger } = registryWithSpies();
      const error = failure(await registry.dispatch(channel, payload));
      expect(JSON.stringify(error)).not.toContain('SECRETVALUE');
      expect(logger.messages.length).toBeGreaterThan(0);
      for (const message of logger.messages) expect(message).not.toContain('SECRETVALUE');
    });
  });

  it('runs the handler with the validated request when the payload is well-formed', async () => {
    const { registry, spies } = registryWithSpies();
    const result = await registry.dispatch('preferences:set-start-at-login', { enabled: true });
    expect(result).toEqual({
      ok: true,
      value: { startAtLogin: true, startAtLoginSupported: true, monitoring: DEFAULT_MONITORING },
    });
    expect(spies[1]).toHaveBeenCalledWith({ enabled: true });
  });

  it('rejects a channel it has no handler for', async () => {
    const { registry } = registryWithSpies();
    expect(failure(await registry.dispatch('app:get-info', undefined)).code).toBe('unknown-channel');
    expect(failure(await registry.dispatch('app:delete-everything', undefined)).code).toBe('unknown-channel');
    expect(failure(await registry.dispatch('__proto__', undefined)).code).toBe('unknown-channel');
  });

  it('rejects a channel that is not a string', async () => {
    const { registry } = registryWithSpies();
    const notAString = 42 as unknown as string;
    expect(failure(await registry.dispatch(notAString, undefined)).code).toBe('unknown-channel');
  });

  it('throws when the same method is registered twice', () => {
    const registry = new IpcRegistry(rawLogger());
    registry.handle('app', 'getInfo', () => INFO);
    expect(() => registry.handle('app', 'getInfo', () => INFO)).toThrow(/app:get-info already has a handler/);
  });

  it.each(['deleteEverything', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'throws when method %s is not in the contract',
    (method) => {
      const registry = new IpcRegistry(rawLogger());
      expect(() => registry.handle('app', method as string as MethodOf<'app'>, () => INFO)).toThrow(
        /not in the contract/,
      );
      expect(registry.channels()).toEqual([]);
    },
  );

  it('throws when the area is not in the contract', () => {
    const registry = new IpcRegistry(rawLogger());
    expect(() => registry.handle('shell' as string as 'app', 'getInfo', () => INFO)).toThrow(
      /not in the contract/,
    );
    expect(registry.channels()).toEqual([]);
  });

  it('lists the channels it has handlers for', () => {
    const { registry } = registryWithSpies();
    expect(registry.channels().sort()).toEqual([
      'app:open-external',
      'preferences:set-start-at-login',
      'status:check-now',
    ]);
    expect(registry.has('app:open-external')).toBe(true);
    expect(registry.has('app:get-info')).toBe(false);
  });

  it('returns an AppErrorException thrown by a handler as that AppError', async () => {
    const registry = new IpcRegistry(rawLogger());
    const thrown = appError(
      'not-supported',
      'Starting at login is not available.',
      'Use the desktop settings.',
    );
    registry.handle('preferences', 'get', () => {
      throw thrown;
    });
    const result = await registry.dispatch('preferences:get', undefined);
    expect(result).toEqual({ ok: false, error: thrown.appError });
    expect(thrown).toBeInstanceOf(AppErrorException);
  });

  it('returns an AppErrorException rejected by an async handler as that AppError', async () => {
    const registry = new IpcRegistry(rawLogger());
    registry.handle('app', 'openLogFolder', async () => {
      throw appError('no-log', 'The log folder is missing.');
    });
    const result = await registry.dispatch('app:open-log-folder', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'no-log', message: 'The log folder is missing.' } });
  });

  it('turns any other throw into a generic internal error without stack or message', async () => {
    const registry = new IpcRegistry(createMemoryLogger());
    registry.handle('app', 'getInfo', () => {
      throw new TypeError(`boom while reading ${SECRET}`);
    });
    const error = failure(await registry.dispatch('app:get-info', undefined));
    expect(error.code).toBe('internal');
    const text = JSON.stringify(error);
    for (const leak of ['boom', 'TypeError', 'SECRETVALUE', 'at ', '.ts:']) expect(text).not.toContain(leak);
  });

  it('turns a thrown non-Error value into an internal error too', async () => {
    const registry = new IpcRegistry(createMemoryLogger());
    registry.handle('app', 'getInfo', () => {
      throw SECRET;
    });
    const error = failure(await registry.dispatch('app:get-info', undefined));
    expect(error.code).toBe('internal');
    expect(JSON.stringify(error)).not.toContain('SECRETVALUE');
  });

  it('logs an unexpected throw as an error, with the secret redacted', async () => {
    const logger = createMemoryLogger();
    const registry = new IpcRegistry(logger);
    registry.handle('app', 'getInfo', () => {
      throw new Error(`boom while reading ${SECRET}`);
    });
    await registry.dispatch('app:get-info', undefined);
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('app:get-info');
    expect(errors[0]?.message).toContain('boom while reading gitpod_pat_[REDACTED]');
    expect(errors[0]?.message).not.toContain('SECRETVALUE');
  });

  it('turns a response that breaks the response schema into an internal error', async () => {
    const logger = createMemoryLogger();
    const registry = new IpcRegistry(logger);
    const badInfo = { ...INFO, issuesUrl: 'not a url', extra: SECRET } as unknown as AppInfo;
    registry.handle('app', 'getInfo', () => badInfo);
    const error = failure(await registry.dispatch('app:get-info', undefined));
    expect(error.code).toBe('internal');
    expect(JSON.stringify(error)).not.toContain('SECRETVALUE');
    expect(
      logger.lines.some((line) => line.level === 'error' && line.message.includes('invalid response')),
    ).toBe(true);
  });

  describe('a payload that is not plain data', () => {
    const RUN_ID = 'run-20260301T101500Z-a1b2c3';

    it.each([
      ['a Date', new Date(0)],
      ['a Map', new Map()],
      ['an Error', new Error(SECRET)],
    ])(
      'is rejected as %s even where every field is optional, and the handler never runs',
      async (_k, payload) => {
        const registry = new IpcRegistry(rawLogger());
        const checkAll = vi.fn(() => ({ cells: [], notice: null, readOnly: false }));
        registry.handle('cells', 'check', checkAll);
        // zod alone takes these for `{ id?: uuid }`: an object with no own enumerable keys.
        expect(failure(await registry.dispatch('cells:check', payload)).code).toBe('invalid-request');
        expect(checkAll).not.toHaveBeenCalled();
      },
    );

    it('is rejected when a record holds an own __proto__ key, which zod would silently drop', async () => {
      const registry = new IpcRegistry(rawLogger());
      const provideInput = vi.fn();
      registry.handle('apply', 'provideInput', provideInput);
      const payload = JSON.parse(
        `{"runId":"${RUN_ID}","acknowledgeCapabilities":true,"parameterValues":{"__proto__":{"polluted":1}}}`,
      );
      const error = failure(await registry.dispatch('apply:provide-input', payload));
      expect(error.code).toBe('invalid-request');
      expect(error.message).toContain('__proto__ key');
      expect(provideInput).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('shows keys the payload chose (a record key) as * in the error and the log, never the key itself', async () => {
    const logger = rawLogger();
    const registry = new IpcRegistry(logger);
    registry.handle('apply', 'provideInput', vi.fn());
    const error = failure(
      await registry.dispatch('apply:provide-input', {
        runId: 'run-20260301T101500Z-a1b2c3',
        acknowledgeCapabilities: true,
        parameterValues: { [SECRET]: 42, ['x'.repeat(300) + SECRET]: 'v' },
      }),
    );
    expect(error.message).toContain('parameterValues.*: invalid_type');
    expect(error.message).toContain('parameterValues.*: invalid_key');
    expect(error.message).not.toContain('SECRETVALUE');
    for (const message of logger.messages) expect(message).not.toContain('SECRETVALUE');
  });

  it('returns a valid response as ok with the parsed value', async () => {
    const registry = new IpcRegistry(rawLogger());
    registry.handle('app', 'getInfo', async () => INFO);
    expect(await registry.dispatch('app:get-info', undefined)).toEqual({ ok: true, value: INFO });
  });
});
