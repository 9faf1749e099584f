import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import { AppErrorException } from '../core/errors/app-error';
import { createMemoryLogger } from '../core/log/logger';
import { registerAppHandlers } from '../handlers/app-handlers';
import { IpcRegistry } from '../ipc/registry';
import { checkExternalUrl, openExternalSafely } from './external-url';

const UNSAFE = [
  'http://example.com/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'smb://fileserver/share',
  'ms-settings:privacy',
  'vscode://file/etc/passwd',
  'https://user:pass@example.com/',
  'https://user@example.com/',
  'not a url',
  '',
  '//example.com/',
  'https://',
];

function recorder() {
  return vi.fn((_url: string) => Promise.resolve());
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('main/security/external-url', () => {
  it.each([
    'https://example.com/',
    'https://github.com/gitpod-io/dedicated-admin/issues',
    'https://console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks',
  ])('passes the https: URL %s to the opener', async (url) => {
    const open = recorder();
    await openExternalSafely(open, url);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith(new URL(url).toString());
  });

  it.each(UNSAFE)('refuses %j with unsafe-url and never calls the opener', async (url) => {
    const open = recorder();
    const error = await rejection(openExternalSafely(open, url));
    expect(error).toBeInstanceOf(AppErrorException);
    expect((error as AppErrorException).appError.code).toBe('unsafe-url');
    expect(open).not.toHaveBeenCalled();
  });

  it('explains why a link was refused', () => {
    expect(checkExternalUrl('http://example.com/')).toEqual({
      safe: false,
      reason: 'only https: links can be opened, not http:',
    });
    expect(checkExternalUrl('https://a:b@example.com/').safe).toBe(false);
    expect(checkExternalUrl('garbage')).toEqual({ safe: false, reason: 'it is not a valid URL' });
  });

  it('hands the opener the normalised URL, not the raw string', async () => {
    const open = recorder();
    await openExternalSafely(open, 'HTTPS://Example.COM');
    expect(open).toHaveBeenCalledWith('https://example.com/');
  });

  describe('through the app:open-external handler', () => {
    function setup() {
      const registry = new IpcRegistry(createMemoryLogger());
      const openExternal = recorder();
      registerAppHandlers(registry, {
        info: {
          name: 'Dedicated Admin',
          version: '0.1.0',
          platform: 'linux',
          settingsDir: '/tmp/settings',
          logFile: '/tmp/main.log',
          issuesUrl: 'https://github.com/gitpod-io/dedicated-admin/issues',
        },
        openExternal,
        openLogFolder: () => Promise.resolve(),
      });
      return { registry, openExternal };
    }

    it('refuses javascript: with unsafe-url and does not open it', async () => {
      const { registry, openExternal } = setup();
      const result: Result<unknown> = await registry.dispatch('app:open-external', {
        url: 'javascript:alert(1)',
      });
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.error.code).toBe('unsafe-url');
      expect(openExternal).not.toHaveBeenCalled();
    });

    it('opens an https: link and answers opened', async () => {
      const { registry, openExternal } = setup();
      const result = await registry.dispatch('app:open-external', { url: 'https://example.com/' });
      expect(result).toEqual({ ok: true, value: { opened: true } });
      expect(openExternal).toHaveBeenCalledWith('https://example.com/');
    });
  });
});
