import { type ReactElement, type RefObject, useEffect, useId, useRef, useState } from 'react';
import type { UpdatesState } from '../../../shared/updates/pending-update';
import { Section } from '../components/Section';
import { ErrorState, Loading } from '../components/States';
import { useNow } from '../hooks/useNow';
import { useNavigation } from '../navigation/navigation-context';
import { useUpdates } from '../updates/updates-context';
import { AppliedTargetNote } from './updates/AppliedTargetNote';
import { CellUpdatesSection } from './updates/CellUpdatesSection';
import { ImportForm } from './updates/ImportForm';
import { NoPendingUpdates } from './updates/NoPendingUpdates';
import { UpdatesNoticeBanner, UpdatesReadOnlyBanner } from './updates/UpdatesBanners';

export function UpdatesView(): ReactElement {
  const { state, reload } = useUpdates();
  const now = useNow();
  const readOnlyReasonId = useId();
  const list = useRef<HTMLDivElement>(null);
  const [removedFrom, setRemovedFrom] = useState<{ cellId: string; count: number } | null>(null);
  const value = state.status === 'ready' ? state.value : null;

  useFocusTargetedUpdate(list, value);
  useFocusAfterRemoval(list, removedFrom);

  if (state.status === 'loading') return <Loading label="Loading updates…" />;
  if (state.status === 'error') {
    return <ErrorState title="Could not load the pending updates" error={state.error} onRetry={reload} />;
  }

  const { cells, history, notice, readOnly } = state.value;
  const withPending = cells.filter((cell) => cell.pending.length > 0);
  const onRemoved = (cellId: string): void =>
    setRemovedFrom((previous) => ({ cellId, count: (previous?.count ?? 0) + 1 }));

  return (
    <div className="updates">
      {notice ? <UpdatesNoticeBanner notice={notice} /> : null}
      {readOnly ? <UpdatesReadOnlyBanner reasonId={readOnlyReasonId} /> : null}
      <div className="updates__list" ref={list}>
        <AppliedTargetNote cells={cells} history={history} now={now} />
        {withPending.length === 0 ? (
          <NoPendingUpdates cells={cells} now={now} />
        ) : (
          withPending.map((cell) => (
            <CellUpdatesSection
              key={cell.cellId}
              cell={cell}
              now={now}
              readOnlyReasonId={readOnly ? readOnlyReasonId : undefined}
              onRemoved={onRemoved}
            />
          ))
        )}
      </div>
      <Section title="Import an update">
        <ImportForm readOnly={readOnly} />
      </Section>
    </div>
  );
}

function elementForUpdate(container: HTMLElement | null, id: string): HTMLElement | undefined {
  const candidates = container?.querySelectorAll<HTMLElement>('[data-update-id]') ?? [];
  return Array.from(candidates).find((element) => element.dataset.updateId === id);
}

/**
 * A notification names an update: once the updates are there, scroll to its card and focus it.
 * Runs after ViewPanel has focused the view's heading (a layout effect), so the card wins; when
 * the update is gone, the heading keeps focus. Each request is acted on once.
 */
function useFocusTargetedUpdate(container: RefObject<HTMLElement | null>, value: UpdatesState | null): void {
  const { target } = useNavigation();
  const handled = useRef<number | null>(null);
  const ready = value !== null;

  useEffect(() => {
    if (!ready || !target || target.view !== 'updates' || handled.current === target.request) return;
    handled.current = target.request;
    const element = elementForUpdate(container.current, target.itemId);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [ready, target, container]);
}

/** After a removal the card is gone: focus its cell's heading, or the view's first heading. */
function useFocusAfterRemoval(
  container: RefObject<HTMLElement | null>,
  removedFrom: { cellId: string; count: number } | null,
): void {
  useEffect(() => {
    if (!removedFrom) return;
    const headings = Array.from(container.current?.querySelectorAll<HTMLElement>('h2[tabindex="-1"]') ?? []);
    const own = headings.find((heading) => heading.dataset.cellId === removedFrom.cellId);
    (own ?? headings[0])?.focus();
  }, [container, removedFrom]);
}
