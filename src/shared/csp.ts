/**
 * The dashboard's Content-Security-Policy. Production allows nothing but the app's own
 * bundled files: no remote content, no inline script or style, no eval, no frames, no plugins.
 * Main also sends it as a response header (which, unlike the meta tag, can set
 * frame-ancestors).
 */
const PRODUCTION_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

export const PRODUCTION_CSP = PRODUCTION_DIRECTIVES.join('; ');

/** Header-only directives (browsers ignore them in a meta tag). */
export const PRODUCTION_CSP_HEADER = `${PRODUCTION_CSP}; frame-ancestors 'none'`;

/**
 * `electron-vite dev` only: Vite's hot reload injects styles and React Refresh an inline
 * preamble, and both talk to the dev server over a websocket. Never shipped.
 */
export const DEVELOPMENT_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
