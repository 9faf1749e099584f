import { useCallback, useEffect, useState } from 'react';
import type { DedicatedAdminApi } from '../../../shared/ipc/api';
import type { ViewId } from '../../../shared/views';
import { DEFAULT_VIEW, hashForView, viewFromHash } from './view-hash';
import { viewForShortcut } from './view-shortcut';

export interface ViewNavigation {
  readonly view: ViewId;
  /** Increments whenever the view changed from outside the tabs, to move focus to its heading. */
  readonly focusRequest: number;
  /** The user picked a tab: focus stays on the tab. */
  readonly select: (view: ViewId) => void;
  /** A shortcut, main or the URL opened a view: focus moves to its heading. */
  readonly open: (view: ViewId) => void;
}

interface NavigationState {
  readonly view: ViewId;
  readonly focusRequest: number;
}

/**
 * The current view, kept in `location.hash` so main can open the dashboard on a given view,
 * and switched by the tabs, Ctrl/Cmd+1…5 and main's `navigate` events.
 */
export function useViewNavigation(api: DedicatedAdminApi): ViewNavigation {
  const [state, setState] = useState<NavigationState>(() => ({
    view: viewFromHash(window.location.hash) ?? DEFAULT_VIEW,
    focusRequest: 0,
  }));

  const select = useCallback((view: ViewId) => {
    setState((previous) => (previous.view === view ? previous : { ...previous, view }));
  }, []);

  const open = useCallback((view: ViewId) => {
    setState((previous) => ({ view, focusRequest: previous.focusRequest + 1 }));
  }, []);

  useEffect(() => {
    const hash = hashForView(state.view);
    // replaceState: no history entries to go "back" through, and no hashchange echo.
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [state.view]);

  useEffect(() => api.on.navigate((target) => open(target.view)), [api, open]);

  useEffect(() => {
    const onHashChange = (): void => {
      const view = viewFromHash(window.location.hash);
      // A hash already showing the current view changes nothing (happy-dom, unlike browsers,
      // even fires hashchange for our own replaceState).
      if (!view) return;
      setState((previous) =>
        previous.view === view ? previous : { view, focusRequest: previous.focusRequest + 1 },
      );
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const view = viewForShortcut(event);
      if (!view) return;
      event.preventDefault();
      open(view);
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return { view: state.view, focusRequest: state.focusRequest, select, open };
}
