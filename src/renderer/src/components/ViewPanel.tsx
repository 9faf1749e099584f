import { type ReactElement, type ReactNode, useLayoutEffect, useRef } from 'react';
import { VIEW_LABELS, type ViewId } from '../../../shared/views';
import { panelId, tabId } from '../navigation/view-ids';

export interface ViewPanelProps {
  readonly view: ViewId;
  /** A change moves focus to the heading, so screen readers announce the new view. */
  readonly focusRequest: number;
  readonly children: ReactNode;
}

export function ViewPanel({ view, focusRequest, children }: ViewPanelProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);

  // A layout effect runs before every view's own (passive) effects, so a view that was opened
  // on an item (an update a notification names) can move focus on from the heading to it.
  useLayoutEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);

  return (
    <div className="panel" role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)}>
      <h1 className="panel__title" ref={heading} tabIndex={-1}>
        {VIEW_LABELS[view]}
      </h1>
      {children}
    </div>
  );
}
