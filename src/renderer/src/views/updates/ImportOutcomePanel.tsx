import { type ReactElement, useEffect, useRef } from 'react';
import type { ImportOutcome } from '../../../../shared/updates/pending-update';
import { parseTime } from '../../cells/format-time';
import { STACK_KIND_LABELS } from '../../cells/stack-labels';
import { CopyValue } from '../../components/CopyValue';
import { describeDeadline } from '../../updates/deadline-words';
import { inApplyOrder } from '../../updates/update-labels';

export interface ImportOutcomePanelProps {
  readonly outcome: ImportOutcome;
  readonly label: string;
  readonly cellName: string;
  readonly now: Date;
}

/** What an import found: each template with the stack it updates, its sha256 and why; and what is left to do. */
export function ImportOutcomePanel({ outcome, label, cellName, now }: ImportOutcomePanelProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);
  const alreadyApplied = outcome.status === 'already-applied';

  // The form was cleared under the admin's focus: the outcome is where to continue reading.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section className="import-outcome" aria-label="Import outcome">
      <h3 className="import-outcome__title" ref={heading} tabIndex={-1}>
        {alreadyApplied ? `${label} is already applied` : `${label} imported for ${cellName}`}
      </h3>
      <p>
        {alreadyApplied
          ? `Every template is the one its stack in ${cellName} runs already: there is nothing to apply. The import is recorded in History.`
          : pendingSentence(outcome, now)}
      </p>
      <ul className="import-outcome__templates">
        {inApplyOrder(outcome.templates).map((template) => (
          <li key={`${template.kind}:${template.sha256}`} className="import-outcome__template">
            <p>
              <strong>{template.name}</strong> updates the {STACK_KIND_LABELS[template.kind].toLowerCase()}{' '}
              <code>{template.stackName}</code>
              {template.applied === true ? <span className="badge">Already applied</span> : null}
              {template.applied === false ? (
                <span className="badge badge--attention">Not applied yet</span>
              ) : null}
            </p>
            {template.applied === null ? (
              <p className="import-outcome__unknown">
                Whether the stack runs it is not known yet: the cell’s stacks have not been read.
              </p>
            ) : null}
            <p>
              sha256 <CopyValue value={template.sha256} what={`sha256 of ${template.name}`} />
            </p>
            {template.evidence.length > 0 ? (
              <>
                <p className="import-outcome__evidence-title">
                  Recognised as the {template.kind} template because it
                </p>
                <ul className="import-outcome__evidence">
                  {template.evidence.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function pendingSentence(outcome: ImportOutcome, now: Date): string {
  const deadline = parseTime(outcome.update?.deadline);
  if (!deadline) return 'It is now a pending update, listed above.';
  const { relative, absolute } = describeDeadline(deadline, now);
  return `It is now a pending update, listed above: ${relative} (${absolute}).`;
}
