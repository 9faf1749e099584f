import { type ReactElement, useMemo, useState } from 'react';
import type { TemplateDiffEntry, TemplateDiffModel } from '../../../../shared/apply/review';
import { formatCount } from '../../apply/apply-labels';
import { type DiffRow, sideBySide } from './side-by-side';

/** Entries listed at first; more on request, so a template with thousands of changes opens fast. */
const PAGE = 100;

const STATUS_WORDS: Record<TemplateDiffEntry['status'], string> = {
  added: 'added',
  removed: 'removed',
  modified: 'changed',
};

const MARKERS: Record<DiffRow['kind'], { before: string; after: string }> = {
  same: { before: ' ', after: ' ' },
  changed: { before: '−', after: '+' },
  removed: { before: '−', after: ' ' },
  added: { before: ' ', after: '+' },
};

function DiffTable({ entry }: { entry: TemplateDiffEntry }): ReactElement {
  const rows = useMemo(() => sideBySide(entry.before, entry.after), [entry]);
  return (
    <div className="table-wrap">
      <table className="diff-table">
        <thead>
          <tr>
            <th scope="col" className="diff-table__heading">
              Now
            </th>
            <th scope="col" className="diff-table__heading">
              After the update
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Lines repeat ("}"): their place is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for an entry.
            <tr key={index} className={`diff-table__row diff-table__row--${row.kind}`}>
              <td className="diff-table__before">
                {row.before === undefined ? null : (
                  <>
                    <span className="diff-table__marker" aria-hidden="true">
                      {MARKERS[row.kind].before}
                    </span>
                    {row.kind === 'same' ? null : <span className="visually-hidden">Removed: </span>}
                    <code>{row.before}</code>
                  </>
                )}
              </td>
              <td className="diff-table__after">
                {row.after === undefined ? null : (
                  <>
                    <span className="diff-table__marker" aria-hidden="true">
                      {MARKERS[row.kind].after}
                    </span>
                    {row.kind === 'same' ? null : <span className="visually-hidden">Added: </span>}
                    <code>{row.after}</code>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entry.truncated ? (
        <p className="table-note">The entry is longer than shown; its end was cut.</p>
      ) : null}
    </div>
  );
}

/** One entry, its lines laid out only once it is opened. */
function DiffEntry({ entry }: { entry: TemplateDiffEntry }): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details
        className="apply-disclosure diff-entry"
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary className="apply-disclosure__summary">
          {entry.section}
          {entry.key ? (
            <>
              {' › '}
              <code>{entry.key}</code>
            </>
          ) : null}{' '}
          <span className={`diff-entry__status diff-entry__status--${entry.status}`}>
            {STATUS_WORDS[entry.status]}
          </span>
        </summary>
        {open ? <DiffTable entry={entry} /> : null}
      </details>
    </li>
  );
}

/** The template now and after the update, side by side, entry by entry. */
export function TemplateDiff({ diff }: { diff: TemplateDiffModel }): ReactElement {
  const [shown, setShown] = useState(PAGE);
  if (!diff.available) {
    return <p className="muted">{diff.note ?? 'The template diff is not available for this change set.'}</p>;
  }
  if (diff.entries.length === 0) return <p className="muted">The templates do not differ.</p>;
  const rest = diff.entries.length - shown;
  return (
    <>
      {diff.note ? <p className="muted">{diff.note}</p> : null}
      <ul className="diff-entries">
        {diff.entries.slice(0, shown).map((entry) => (
          <DiffEntry key={`${entry.section}/${entry.key}`} entry={entry} />
        ))}
      </ul>
      {rest > 0 ? (
        <button type="button" className="button" onClick={() => setShown(shown + PAGE)}>
          Show {formatCount(Math.min(rest, PAGE))} more of {formatCount(rest)} entries
        </button>
      ) : null}
    </>
  );
}
