import type { StackKind } from '../../../../shared/cells/stack-report';

/**
 * Names and idempotency tokens the run gives CloudFormation. Change set names, ClientToken and
 * ClientRequestToken share one pattern (`[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters); the
 * names are meant to be recognised in the console as this app's.
 */
export const AWS_NAME_PATTERN = /^[a-zA-Z][-a-zA-Z0-9]*$/;
export const AWS_NAME_MAX = 128;
const SLUG_MAX = 80;

function compactUtc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** "Infrastructure Update v37" → "infrastructure-update-v37". */
export function slugOf(label: string): string {
  const slug = label
    .normalize('NFKD')
    // The accents NFKD split off, so "Ü" becomes "u" rather than "u-".
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return slug === '' ? 'update' : slug;
}

/** `dedicated-admin-infrastructure-update-v37-role-20260301101500`. */
export function changeSetNameFor(label: string, kind: StackKind, at: Date): string {
  const time = compactUtc(at).replace(/[TZ]/g, '');
  return `dedicated-admin-${slugOf(label)}-${kind}-${time}`;
}

/** `run-20260301T101500Z-a1b2c3`. */
export function runIdFor(at: Date, random: string): string {
  return `run-${compactUtc(at)}-${random
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .slice(0, 12)}`;
}

/** A token unique to the run, the stack, the call and the attempt: `run-20260301T101500Z-a1b2c3-role-execute-1`. */
export function tokenFor(
  runId: string,
  kind: StackKind,
  purpose: 'create' | 'execute' | 'recover',
  attempt: number,
): string {
  return `${runId}-${kind}-${purpose}-${attempt}`.slice(0, AWS_NAME_MAX);
}

export function changeSetDescriptionFor(label: string, kind: StackKind, runId: string): string {
  const stack = kind === 'role' ? 'role stack' : 'instance stack';
  return `Dedicated Admin: ${label} (${stack}), run ${runId}`.slice(0, 1024);
}
