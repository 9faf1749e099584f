import { type KeyboardEvent, type ReactElement, useRef } from 'react';
import { VIEW_IDS, VIEW_LABELS, type ViewId } from '../../../shared/views';
import { panelId, tabId } from '../navigation/view-ids';

export interface SidebarProps {
  readonly view: ViewId;
  readonly onSelect: (view: ViewId) => void;
}

/**
 * The view tabs, as a vertical ARIA tablist with a roving tabindex: Tab reaches only the
 * selected tab, and the arrow keys, Home and End move focus and select at once.
 */
export function Sidebar({ view, onSelect }: SidebarProps): ReactElement {
  const tabs = useRef(new Map<ViewId, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = targetIndex(event.key, VIEW_IDS.indexOf(view));
    if (target === null) return;
    event.preventDefault();
    const next = VIEW_IDS[target];
    if (next === undefined) return;
    onSelect(next);
    tabs.current.get(next)?.focus();
  };

  return (
    <nav className="sidebar" aria-label="Main">
      <p className="sidebar__product">Dedicated Admin</p>
      <div
        className="sidebar__tabs"
        role="tablist"
        aria-orientation="vertical"
        aria-label="Views"
        onKeyDown={onKeyDown}
      >
        {VIEW_IDS.map((id) => {
          const selected = id === view;
          return (
            <button
              key={id}
              ref={(element) => {
                if (element) tabs.current.set(id, element);
                else tabs.current.delete(id);
              }}
              type="button"
              role="tab"
              id={tabId(id)}
              className="sidebar__tab"
              aria-selected={selected}
              // Only the selected tab's panel is rendered, so only it can be referenced.
              aria-controls={selected ? panelId(id) : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => onSelect(id)}
            >
              {VIEW_LABELS[id]}
            </button>
          );
        })}
      </div>
    </nav>
  );
}

function targetIndex(key: string, current: number): number | null {
  const last = VIEW_IDS.length - 1;
  switch (key) {
    case 'ArrowDown':
      return current >= last ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? last : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
