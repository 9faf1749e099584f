import { type ReactElement, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import type { CalendarSaved } from '../../../../shared/updates/update-ipc';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';

export const FORMAT_LABELS = { markdown: 'Markdown', json: 'JSON', csv: 'CSV' } as const;
export type ExportFormat = keyof typeof FORMAT_LABELS;

export interface ExportButtonsProps<F extends ExportFormat> {
  readonly formats: readonly F[];
  /** "Export the review" — the visible start of each button's name. */
  readonly verb: string;
  /** What is exported, for screen readers: "of the run Infrastructure Update v38 on production". */
  readonly what: string;
  readonly onExport: (format: F) => Promise<Result<CalendarSaved>>;
  /** For a table row: small buttons named by their format alone on screen (in full for screen readers). */
  readonly compact?: boolean;
}

/** One button per format; main asks where to save, and the path it saved to is said below. */
export function ExportButtons<F extends ExportFormat>({
  formats,
  verb,
  what,
  onExport,
  compact = false,
}: ExportButtonsProps<F>): ReactElement {
  const action = useAction();
  const [saved, setSaved] = useState<CalendarSaved | null>(null);

  const onClick = (format: F): void => {
    if (action.running) return;
    setSaved(null);
    void action.run(() => onExport(format), setSaved);
  };

  return (
    <div className="apply-export">
      <div className="button-row apply-export__buttons">
        {compact ? (
          <span className="apply-export__label" aria-hidden="true">
            {verb}:
          </span>
        ) : null}
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            className={compact ? 'button button--small' : 'button'}
            aria-disabled={action.running}
            onClick={() => onClick(format)}
          >
            {compact ? (
              <span className="visually-hidden">
                {verb} {what} as{' '}
              </span>
            ) : (
              <>
                {verb}
                <span className="visually-hidden"> {what}</span> as{' '}
              </>
            )}
            {FORMAT_LABELS[format]}
          </button>
        ))}
      </div>
      <p className="apply-export__status" role="status">
        {saved?.saved ? (
          saved.path ? (
            <>
              Saved to <code>{saved.path}</code>
            </>
          ) : (
            'Saved.'
          )
        ) : null}
      </p>
      {action.error ? <ErrorState title="The export was not saved" error={action.error} /> : null}
    </div>
  );
}
