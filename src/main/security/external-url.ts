import { appError } from '../core/errors/app-error';

export type ExternalUrlCheck = { safe: true; url: string } | { safe: false; reason: string };

/**
 * Only https: links may leave the app for the user's browser. file:, javascript:, http:,
 * custom schemes (which launch other programs) and links with embedded credentials are refused.
 */
export function checkExternalUrl(candidate: string): ExternalUrlCheck {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { safe: false, reason: 'it is not a valid URL' };
  }
  if (url.protocol !== 'https:') {
    return { safe: false, reason: `only https: links can be opened, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { safe: false, reason: 'links with a user name or password in them are not opened' };
  }
  if (url.hostname === '') {
    return { safe: false, reason: 'the link has no host' };
  }
  return { safe: true, url: url.toString() };
}

/**
 * Checks the URL right before handing it to the OS, so no caller can skip the check.
 * `open` is Electron's `shell.openExternal` in the app and a recorder in tests.
 */
export async function openExternalSafely(
  open: (url: string) => Promise<void>,
  candidate: string,
): Promise<void> {
  const check = checkExternalUrl(candidate);
  if (!check.safe) {
    throw appError(
      'unsafe-url',
      `That link was not opened: ${check.reason}.`,
      'Copy it into your browser if you trust it.',
    );
  }
  await open(check.url);
}
