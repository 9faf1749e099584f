import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING } from '../../shared/monitoring-settings';
import { FileSettingsBackend } from '../core/cells/settings-backend';
import { SettingsRepository } from '../core/cells/settings-repository';
import { createMemoryLogger } from '../core/log/logger';
import { IpcRegistry } from '../ipc/registry';
import { registerPreferencesHandlers } from './preferences-handlers';

let dir: string;
let file: string;
let registry: IpcRegistry;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-preferences-'));
  file = join(dir, 'settings.json');
  const logger = createMemoryLogger();
  const repository = await SettingsRepository.open(new FileSettingsBackend(file), logger);
  registry = new IpcRegistry(logger);
  registerPreferencesHandlers(registry, {
    loginItem: { supported: false, isEnabled: async () => false, setEnabled: async () => undefined },
    monitoring: repository,
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('main/handlers/preferences-handlers', () => {
  it('gives the monitoring defaults with the preferences', async () => {
    expect(await registry.dispatch('preferences:get', undefined)).toEqual({
      ok: true,
      value: { startAtLogin: false, startAtLoginSupported: false, monitoring: DEFAULT_MONITORING },
    });
  });

  it('saves monitoring settings to the settings file and returns them', async () => {
    const monitoring = {
      ...DEFAULT_MONITORING,
      refreshIntervalMinutes: 5,
      quietHours: { start: '23:30', end: '06:00' },
    };
    const result = await registry.dispatch('preferences:set-monitoring', monitoring);
    expect(result).toMatchObject({ ok: true, value: { monitoring } });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2, monitoring });
  });

  it.each([
    ['an interval of 2 minutes', { ...DEFAULT_MONITORING, refreshIntervalMinutes: 2 }],
    ['a quiet hour at 24:00', { ...DEFAULT_MONITORING, quietHours: { start: '24:00', end: '06:00' } }],
    ['an extra key', { ...DEFAULT_MONITORING, token: 'gitpod_pat_secret' }],
    ['no payload', undefined],
  ])('refuses %s before it reaches the settings file', async (_label, payload) => {
    const result = await registry.dispatch('preferences:set-monitoring', payload);
    expect(result.ok).toBe(false);
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(JSON.stringify(result)).not.toContain('gitpod_pat_secret');
  });
});
