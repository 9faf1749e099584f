import { VIEW_IDS, type ViewId } from '../../../shared/views';

export const DEFAULT_VIEW: ViewId = 'overview';

export function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

export interface HashTarget {
  readonly view: ViewId;
  readonly itemId?: string;
}

/**
 * `#/updates` → `{ view: 'updates' }`; `#/updates/cs-1a2b` → with that item, which is how main
 * opens a new dashboard window from a notification. Anything else → null.
 */
export function targetFromHash(hash: string): HashTarget | null {
  const match = /^#\/([a-z]+)(?:\/([^/]+))?$/.exec(hash);
  const id = match?.[1];
  if (id === undefined || !isViewId(id)) return null;
  const item = match?.[2];
  if (item === undefined) return { view: id };
  try {
    return { view: id, itemId: decodeURIComponent(item) };
  } catch {
    // A malformed escape: the view is still worth opening.
    return { view: id };
  }
}

/** `#/updates` → `updates`; anything else → null. */
export function viewFromHash(hash: string): ViewId | null {
  return targetFromHash(hash)?.view ?? null;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}
