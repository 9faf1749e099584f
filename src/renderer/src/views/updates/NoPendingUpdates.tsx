import type { ReactElement } from 'react';
import type { CellUpdates } from '../../../../shared/updates/pending-update';
import { parseTime } from '../../cells/format-time';
import { TimeAgo } from '../../components/TimeAgo';

/** Nothing pending: say when each cell was last looked at, so "nothing" can be trusted. */
export function NoPendingUpdates({ cells, now }: { cells: readonly CellUpdates[]; now: Date }): ReactElement {
  return (
    <div className="state state--empty updates-empty">
      {/* Focusable: it is where focus goes when the last pending update is removed. */}
      <h2 className="state__title" tabIndex={-1}>
        No pending infrastructure updates
      </h2>
      <div className="updates-empty__body">
        {cells.length === 0 ? (
          <p>No cell is set up yet. Once one is, its pending updates appear here with their deadlines.</p>
        ) : (
          <ul className="updates-empty__checks" aria-label="Last checks">
            {cells.map((cell) => {
              const checkedAt = parseTime(cell.checkedAt);
              return (
                <li key={cell.cellId}>
                  {cell.cellName}:{' '}
                  {checkedAt ? (
                    <>
                      checked <TimeAgo date={checkedAt} now={now} />
                    </>
                  ) : (
                    'not checked yet'
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <p>
          Updates must be applied within two weeks of their release. Gitpod’s change sets show up here by
          themselves; if Gitpod’s account manager sent you templates, import them below.
        </p>
      </div>
    </div>
  );
}
