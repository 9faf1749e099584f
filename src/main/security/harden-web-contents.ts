import type { Session, WebContents } from 'electron';

export type WebContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;
export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/**
 * The dashboard is one page that never navigates: every window.open is denied, every
 * navigation and redirect cancelled, and no <webview> may attach. Links out go through
 * `app.openExternal`, which checks the URL in main.
 */
export function hardenWebContents(contents: WebContentsLike, onBlocked?: (what: string) => void): void {
  contents.setWindowOpenHandler(() => {
    onBlocked?.('window.open');
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    onBlocked?.('navigation');
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    onBlocked?.('redirect');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked?.('webview');
  });
}

/** The dashboard needs no camera, notifications API, geolocation or anything else: deny all. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
