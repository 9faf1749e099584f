import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useApply } from '../apply/apply-context';
import { resolveApplyTarget } from '../apply/resolve-target';
import { ErrorState, Loading } from '../components/States';
import { useNavigation } from '../navigation/navigation-context';
import { useUpdates } from '../updates/updates-context';
import { ApplyOverview } from './apply/ApplyOverview';
import { RunById } from './apply/RunById';
import { StartScreen } from './apply/StartScreen';

interface Selection {
  /** A run id, a cell id or a pending update id. */
  readonly itemId: string;
  /** Chosen within the view (not by navigation): focus moves to what opens. */
  readonly focus: boolean;
}

/**
 * The guided apply. Opened on a cell or a pending update (the Updates view's Apply… buttons), it
 * resumes the cell's unfinished run or offers to start one; opened on a run (History), it shows
 * that run; opened on nothing, it lists the runs under way and the updates to apply.
 */
export function ApplyView(): ReactElement {
  const apply = useApply();
  const updates = useUpdates();
  const { target } = useNavigation();
  const [selection, setSelection] = useState<Selection | null>(() =>
    target?.view === 'apply' ? { itemId: target.itemId, focus: false } : null,
  );
  const handled = useRef(target?.request ?? null);

  // A navigation while the view is open (a notification, History's Open) chooses anew, once.
  useEffect(() => {
    if (target?.view !== 'apply' || handled.current === target.request) return;
    handled.current = target.request;
    setSelection({ itemId: target.itemId, focus: false });
  }, [target]);

  const applyState = apply.state.status === 'ready' ? apply.state.value : null;
  const updatesState =
    updates.state.status === 'ready'
      ? updates.state.value
      : // Without the updates a cell or update id cannot be told apart from a stale one.
        updates.state.status === 'error'
        ? { cells: [], history: [], notice: null, readOnly: false }
        : null;
  const resolved =
    selection && applyState ? resolveApplyTarget(selection.itemId, applyState, updatesState) : null;

  // Opened on a cell or an update whose run is under way: stay on that run even once it finishes.
  const pinned =
    resolved?.kind === 'run' && selection && resolved.runId !== selection.itemId ? resolved.runId : null;
  useEffect(() => {
    if (pinned) setSelection((before) => (before ? { ...before, itemId: pinned } : before));
  }, [pinned]);

  if (apply.state.status === 'loading') return <Loading label="Loading the guided apply runs…" />;
  if (apply.state.status === 'error') {
    return (
      <ErrorState
        title="Could not load the guided apply runs"
        error={apply.state.error}
        onRetry={apply.reload}
      />
    );
  }

  const open = (itemId: string): void => setSelection({ itemId, focus: true });
  const showAll = (): void => setSelection(null);
  const cells = updatesState?.cells ?? [];

  if (!resolved || resolved.kind === 'unknown') {
    return (
      <ApplyOverview
        state={apply.state.value}
        cells={cells}
        onOpen={open}
        missing={resolved?.kind === 'unknown'}
      />
    );
  }
  if (resolved.kind === 'loading') return <Loading label="Loading the updates…" />;
  if (resolved.kind === 'cell') {
    return (
      <StartScreen
        key={resolved.cell.cellId}
        cell={resolved.cell}
        onStarting={() => setSelection((before) => (before ? { ...before, focus: true } : before))}
        onStarted={(run) => setSelection({ itemId: run.id, focus: true })}
        onShowAll={showAll}
      />
    );
  }
  return (
    <RunById
      runId={resolved.runId}
      focusOnOpen={selection?.focus ?? false}
      onStartAgain={open}
      onShowAll={showAll}
    />
  );
}
