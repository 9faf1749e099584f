import { type ReactElement, useEffect, useState } from 'react';

export interface CopyValueProps {
  readonly value: string;
  /** What the value is, for the button's accessible name: "sha256 of role.json". */
  readonly what: string;
}

type Outcome = 'copied' | 'failed' | null;

const SHOWN_MS = 3000;

/** A value in `<code>`, with a Copy button where the clipboard can be written. */
export function CopyValue({ value, what }: CopyValueProps): ReactElement {
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Absent outside a secure context: then the value is only shown, and can be selected.
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;

  useEffect(() => {
    if (outcome === null) return;
    const timer = setTimeout(() => setOutcome(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const onCopy = (): void => {
    if (!clipboard) return;
    clipboard.writeText(value).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };

  return (
    <span className="copy-value">
      <code className="copy-value__code">{value}</code>
      {clipboard ? (
        <button type="button" className="button button--small" onClick={onCopy}>
          Copy<span className="visually-hidden"> {what}</span>
        </button>
      ) : null}
      <span className="copy-value__status" aria-live="polite">
        {outcome === 'copied' ? 'Copied' : null}
        {outcome === 'failed' ? 'Could not copy: select the text and copy it instead.' : null}
      </span>
    </span>
  );
}
