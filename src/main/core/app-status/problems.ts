import type { AppProblem, AppProblemKind } from '../../../shared/app-status/app-status';
import { redact } from '../log/redact';

const MESSAGE_MAX = 600;
/** Text a server chose (a Connect error message) is cut to this before it is shown. */
const SERVER_TEXT_MAX = 200;

/**
 * Removes secrets from text the app did not write itself (a server's error message could echo
 * a header): the known token patterns, and the token in hand whatever its shape.
 */
export function scrub(text: string, secret?: string | null): string {
  let out = text;
  if (secret) out = out.split(secret).join('[REDACTED]');
  return redact(out);
}

/** A server's own words, made safe to show: scrubbed, one line, cut short. */
export function serverText(text: unknown, secret?: string | null): string | null {
  if (typeof text !== 'string') return null;
  const line = scrub(text, secret).replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  return line.length > SERVER_TEXT_MAX ? `${line.slice(0, SERVER_TEXT_MAX - 1)}…` : line;
}

function cut(text: string): string {
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX - 1)}…` : text;
}

/** Every problem goes through here: bounded, and redacted once more as a second line of defence. */
export function problem(
  kind: AppProblemKind,
  message: string,
  fix: string | null = null,
  code: string | null = null,
): AppProblem {
  return {
    kind,
    message: cut(redact(message)),
    fix: fix === null ? null : cut(redact(fix)),
    code: code === null ? null : code.slice(0, 64),
  };
}

/** Problems that say the token or the organization is wrong, not that the cell is. */
export function isAccessProblem(kind: AppProblemKind): boolean {
  return (
    kind === 'token-missing' ||
    kind === 'token-rejected' ||
    kind === 'organization-needed' ||
    kind === 'unsupported'
  );
}
