import { VIEW_IDS, type ViewId } from '../../../shared/views';

export const DEFAULT_VIEW: ViewId = 'overview';

export function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

/** `#/updates` → `updates`; anything else → null. Main opens a view by loading the page with this hash. */
export function viewFromHash(hash: string): ViewId | null {
  const match = /^#\/([a-z]+)$/.exec(hash);
  const id = match?.[1];
  return id !== undefined && isViewId(id) ? id : null;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}
