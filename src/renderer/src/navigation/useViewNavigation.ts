import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DedicatedAdminApi } from '../../../shared/ipc/api';
import type { NavigationTarget, ViewId } from '../../../shared/views';
import { DEFAULT_VIEW, hashForView, targetFromHash } from './view-hash';
import { viewForShortcut } from './view-shortcut';

/** An item within a view that a navigation asked for (an update a notification names). */
export interface ItemTarget {
  readonly view: ViewId;
  readonly itemId: string;
  /** Tells two requests for the same item apart, so each one is acted on once. */
  readonly request: number;
}

export interface ViewNavigation {
  readonly view: ViewId;
  /** Increments whenever the view changed from outside the tabs, to move focus to its heading. */
  readonly focusRequest: number;
  /** The item the last navigation asked for; null once the user moves on. */
  readonly target: ItemTarget | null;
  /** The user picked a tab: focus stays on the tab. */
  readonly select: (view: ViewId) => void;
  /** A shortcut, a button, main or the URL opened a view (and maybe an item in it): focus moves there. */
  readonly open: (target: NavigationTarget) => void;
}

interface NavigationState {
  readonly view: ViewId;
  readonly focusRequest: number;
  readonly target: ItemTarget | null;
}

function opened(previous: NavigationState, { view, itemId }: NavigationTarget): NavigationState {
  const focusRequest = previous.focusRequest + 1;
  return { view, focusRequest, target: itemId ? { view, itemId, request: focusRequest } : null };
}

function initialState(): NavigationState {
  const target = targetFromHash(window.location.hash);
  const view = target?.view ?? DEFAULT_VIEW;
  return {
    view,
    focusRequest: 0,
    target: target?.itemId ? { view, itemId: target.itemId, request: 0 } : null,
  };
}

/**
 * The current view, kept in `location.hash` so main can open the dashboard on a given view,
 * and switched by the tabs, Ctrl/Cmd+1…5, buttons in the views and main's `navigate` events.
 */
export function useViewNavigation(api: DedicatedAdminApi): ViewNavigation {
  const [state, setState] = useState<NavigationState>(initialState);

  const select = useCallback((view: ViewId) => {
    setState((previous) => (previous.view === view ? previous : { ...previous, view, target: null }));
  }, []);

  const open = useCallback((target: NavigationTarget) => {
    setState((previous) => opened(previous, target));
  }, []);

  useEffect(() => {
    const hash = hashForView(state.view);
    // replaceState: no history entries to go "back" through, and no hashchange echo. The item
    // is not kept in the hash: it is acted on once, not on every reload.
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [state.view]);

  useEffect(() => api.on.navigate(open), [api, open]);

  useEffect(() => {
    const onHashChange = (): void => {
      const target = targetFromHash(window.location.hash);
      if (!target) return;
      // A hash already showing the current view changes nothing (happy-dom, unlike browsers,
      // even fires hashchange for our own replaceState).
      setState((previous) =>
        previous.view === target.view && !target.itemId ? previous : opened(previous, target),
      );
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const view = viewForShortcut(event);
      if (!view) return;
      event.preventDefault();
      open({ view });
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const { view, focusRequest, target } = state;
  return useMemo(
    () => ({ view, focusRequest, target, select, open }),
    [view, focusRequest, target, select, open],
  );
}
