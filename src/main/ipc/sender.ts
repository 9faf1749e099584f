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
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}
