/** The parts of an IPC event that say who sent it; a structural type so tests need no Electron. */
export interface SenderInfo {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * True when the message comes from the dashboard's own top-level frame, loaded from the
 * app's origin. Anything else (a subframe, a page navigated elsewhere, a destroyed frame) is
 * refused, as Electron's security checklist asks ("validate the sender of all IPC messages").
 */
export function isTrustedSender(event: SenderInfo, trustedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // Not `url.origin`: Node's URL gives every non-special scheme, app:// included, the opaque
  // origin "null", so the dashboard would never match. Scheme and host identify it instead;
  // host-less URLs (data:, about:, javascript:, blob:) have no origin to trust.
  if (url.host === '') return false;
  return trustedOrigins.includes(`${url.protocol}//${url.host}`);
}
