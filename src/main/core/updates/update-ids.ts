import { createHash } from 'node:crypto';

/**
 * Update ids: short (navigation targets and ledger keys take ≤ 200 characters, and a change set
 * ARN alone can exceed that), stable across refreshes and restarts, and telling the source at
 * a glance. 96 bits of sha256 keep two updates from ever sharing one.
 */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** A vendor change set's update id, from its ARN (unique per change set, never reused). */
export function changeSetUpdateId(changeSetId: string): string {
  return `cs-${digest(changeSetId)}`;
}

/**
 * An imported update's id, from the cell and its templates' canonical fingerprints: the same
 * templates imported again for the same cell get the same id, which is how a duplicate is told.
 */
export function importUpdateId(cellId: string, fingerprints: readonly string[]): string {
  return `imp-${digest(`${cellId}\n${[...fingerprints].sort().join('\n')}`)}`;
}
