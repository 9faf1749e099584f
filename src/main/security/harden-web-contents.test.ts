import type { HandlerDetails, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from '../../../test/mocks/electron';
import {
  denyAllPermissions,
  hardenWebContents,
  type SessionLike,
  type WebContentsLike,
} from './harden-web-contents';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const URLS = [
  'https://example.com/',
  'http://example.com/',
  'file:///etc/passwd',
  'about:blank',
  'app://dashboard/index.html',
  'javascript:alert(1)',
];

function hardened() {
  const contents = new FakeWebContents();
  const onBlocked = vi.fn();
  hardenWebContents(contents as unknown as WebContentsLike, onBlocked);
  return { contents, onBlocked };
}

function openWindow(contents: FakeWebContents, url: string) {
  const handler = contents.windowOpenHandler;
  if (!handler) throw new Error('no window open handler was set');
  const details = {
    url,
    frameName: '',
    features: '',
    disposition: 'new-window',
  } as unknown as HandlerDetails;
  return handler(details);
}

type RequestHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0];

function fakeSession() {
  const session: { request: RequestHandler; check: CheckHandler } = { request: null, check: null };
  const like: SessionLike = {
    setPermissionRequestHandler: (handler) => {
      session.request = handler;
    },
    setPermissionCheckHandler: (handler) => {
      session.check = handler;
    },
  };
  return { session, like };
}

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'fullscreen',
  'openExternal',
  'pointerLock',
  'hid',
  'serial',
  'usb',
  'fileSystem',
] as const;

describe('main/security/harden-web-contents', () => {
  it.each(URLS)('denies window.open to %s and reports it', (url) => {
    const { contents, onBlocked } = hardened();
    expect(openWindow(contents, url)).toEqual({ action: 'deny' });
    expect(onBlocked).toHaveBeenCalledWith('window.open');
  });

  it.each(URLS)('cancels navigation to %s and reports it', (url) => {
    const { contents, onBlocked } = hardened();
    expect(contents.fireCancellable('will-navigate', url)).toBe(true);
    expect(onBlocked).toHaveBeenCalledWith('navigation');
  });

  it.each(URLS)('cancels a redirect to %s and reports it', (url) => {
    const { contents, onBlocked } = hardened();
    expect(contents.fireCancellable('will-redirect', url)).toBe(true);
    expect(onBlocked).toHaveBeenCalledWith('redirect');
  });

  it('cancels a <webview> attaching and reports it', () => {
    const { contents, onBlocked } = hardened();
    expect(contents.fireCancellable('will-attach-webview', 'https://example.com/')).toBe(true);
    expect(onBlocked).toHaveBeenCalledWith('webview');
  });

  it('guards without an onBlocked callback too', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContentsLike);
    expect(openWindow(contents, 'https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.fireCancellable('will-navigate', 'https://example.com/')).toBe(true);
  });

  describe('denyAllPermissions', () => {
    it.each(PERMISSIONS)('answers false to a %s permission request', (permission) => {
      const { session, like } = fakeSession();
      denyAllPermissions(like);
      const callback = vi.fn();
      session.request?.({} as WebContents, permission, callback, {
        requestingUrl: 'app://dashboard/index.html',
        isMainFrame: true,
      } as Parameters<NonNullable<RequestHandler>>[3]);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    });

    it.each(PERMISSIONS)('answers false to a %s permission check', (permission) => {
      const { session, like } = fakeSession();
      denyAllPermissions(like);
      const answer = session.check?.(
        null,
        permission as Parameters<NonNullable<CheckHandler>>[1],
        'app://dashboard',
        {} as Parameters<NonNullable<CheckHandler>>[3],
      );
      expect(answer).toBe(false);
    });

    it('installs both handlers', () => {
      const { session, like } = fakeSession();
      denyAllPermissions(like);
      expect(typeof session.request).toBe('function');
      expect(typeof session.check).toBe('function');
    });
  });
});
