import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { PRODUCTION_CSP_HEADER } from '../../shared/csp';
import { APP_SCHEME, resolveAppAsset } from '../security/app-protocol-path';

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built dashboard from app://dashboard/, with the CSP as a header as well. */
export function serveDashboard(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', PRODUCTION_CSP_HEADER);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
