import type { ViewId } from '../../../shared/views';

/** Element ids tying each tab to its panel (aria-controls / aria-labelledby). */
export function tabId(view: ViewId): string {
  return `tab-${view}`;
}

export function panelId(view: ViewId): string {
  return `panel-${view}`;
}
