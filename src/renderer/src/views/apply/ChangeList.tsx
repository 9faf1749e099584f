import {
  defaultRangeExtractor,
  observeElementRect,
  type Range,
  type Rect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { ReviewChange } from '../../../../shared/apply/review';
import { ACTION_MARKERS, ACTION_WORDS, RISK_WORDS } from '../../apply/apply-labels';
import { ChangeDetails } from './ChangeDetails';

/** Every row is one line of this height: fixed sizes keep 10,000 rows cheap to place. */
export const ROW_HEIGHT = 36;
/** Rows in view at once; the list scrolls past that. */
const VISIBLE_ROWS = 12;
const PAGE = VISIBLE_ROWS - 1;

export interface ChangeListProps {
  readonly changes: readonly ReviewChange[];
  /** Names the list: "Modify: 2,000 changes". */
  readonly label: string;
  /** How to move through the list. */
  readonly describedBy?: string;
}

function riskBadge(change: ReviewChange): ReactElement | null {
  if (change.risk) {
    return <span className="badge badge--error change-row__badge">{RISK_WORDS[change.risk.kind]}</span>;
  }
  if (change.replacement === 'Conditional') {
    return (
      <span className="badge badge--attention change-row__badge">
        {RISK_WORDS['conditional-replacement']}
      </span>
    );
  }
  if (change.replacement === 'True') {
    return <span className="badge badge--error change-row__badge">{RISK_WORDS.replacement}</span>;
  }
  return null;
}

/**
 * A group of changes as a virtualised listbox: only the rows in view (and the active one) are
 * in the DOM, so thousands of changes stay fast. Focus stays on the list and moves through it
 * with aria-activedescendant, because a focused row would be dropped as it scrolls out of view.
 * Arrow keys, Page Up/Down, Home and End move; Enter or a click shows the change's details.
 */
export function ChangeList({ changes, label, describedBy }: ChangeListProps): ReactElement {
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const count = changes.length;
  const height = Math.min(count, VISIBLE_ROWS) * ROW_HEIGHT;
  const heightRef = useRef(height);
  heightRef.current = height;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 0, height },
    // The scroller's height is set here, not by its content: where there is no layout to
    // measure (a test DOM, a list not yet shown) it is still the height the window fills.
    observeElementRect: (instance: Virtualizer<HTMLDivElement, Element>, onRect: (rect: Rect) => void) =>
      observeElementRect(instance, (rect) =>
        onRect(rect.height > 0 ? rect : { ...rect, height: heightRef.current }),
      ),
    // The active row stays rendered even when scrolled away, so aria-activedescendant always
    // points at an element.
    rangeExtractor: (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return active < count && !indexes.includes(active)
        ? [...indexes, active].sort((a, b) => a - b)
        : indexes;
    },
  });

  const optionId = (index: number): string => `${id}-change-${index}`;
  const activeIndex = Math.min(active, Math.max(count - 1, 0));

  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, count, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + PAGE,
      PageUp: activeIndex - PAGE,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActive(Math.max(0, Math.min(count - 1, next)));
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelected(activeIndex);
    }
  };

  const chosen = selected === null ? undefined : changes[selected];

  return (
    <div className="change-list">
      <div
        ref={scroller}
        className="change-list__scroller"
        role="listbox"
        tabIndex={0}
        aria-label={label}
        aria-describedby={describedBy}
        aria-activedescendant={count > 0 ? optionId(activeIndex) : undefined}
        onKeyDown={onKeyDown}
        style={{ height }}
      >
        <div className="change-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const change = changes[item.index];
            if (!change) return null;
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for its options.
              <div
                key={item.key}
                id={optionId(item.index)}
                role="option"
                // Focus stays on the listbox (aria-activedescendant); -1 only lets a click land.
                tabIndex={-1}
                aria-selected={selected === item.index}
                aria-posinset={item.index + 1}
                aria-setsize={count}
                className={`change-row${item.index === activeIndex ? ' change-row--active' : ''}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  setActive(item.index);
                  setSelected(item.index);
                  scroller.current?.focus({ preventScroll: true });
                }}
              >
                <span className="change-row__marker" aria-hidden="true">
                  {ACTION_MARKERS[change.action]}
                </span>
                <span className="visually-hidden">{ACTION_WORDS[change.action]}: </span>
                <span className="change-row__id">{change.logicalId}</span>
                <span className="change-row__type">{change.resourceType}</span>
                {riskBadge(change)}
              </div>
            );
          })}
        </div>
      </div>
      {chosen ? <ChangeDetails change={chosen} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
