import { type ReactElement, useId } from 'react';
import type { StackKind, StackReport } from '../../../../shared/cells/stack-report';
import { parseTime } from '../../cells/format-time';
import { STACK_KIND_LABELS } from '../../cells/stack-labels';
import { TimeAgo } from '../../components/TimeAgo';
import { StackEventsPanel } from './StackEventsPanel';
import { StackTables } from './StackTables';

export interface StackPanelProps {
  readonly cellId: string;
  /** The card's heading: two cells may name their stacks alike, so the region names the cell too. */
  readonly cellHeadingId: string;
  readonly kind: StackKind;
  /** The name the cell gives the stack. */
  readonly name: string;
  /** What the last check found; absent before the first check or when it did not get this far. */
  readonly report: StackReport | undefined;
  readonly checked: boolean;
  readonly now: Date;
}

export function StackPanel({
  cellId,
  cellHeadingId,
  kind,
  name,
  report,
  checked,
  now,
}: StackPanelProps): ReactElement {
  const headingId = useId();
  return (
    <section className="stack" aria-labelledby={`${cellHeadingId} ${headingId}`}>
      <h3 className="stack__title" id={headingId}>
        {STACK_KIND_LABELS[kind]} <code>{name}</code>
      </h3>
      {report ? (
        <StackStatus report={report} now={now} />
      ) : (
        <p className="stack__pending">
          {checked ? 'Status unknown: the last check did not reach this stack.' : 'Not checked yet.'}
        </p>
      )}
      {report?.found ? <StackEventsPanel cellId={cellId} kind={kind} stackName={report.name} /> : null}
    </section>
  );
}

function StackStatus({ report, now }: { report: StackReport; now: Date }): ReactElement {
  const { explanation } = report;
  const updated = parseTime(report.lastUpdatedTime);
  return (
    <>
      <p className="stack__words">{explanation.words}</p>
      <p className="stack__code">
        Status <code>{report.status}</code>
        {explanation.blocksUpdate ? <span className="badge badge--attention">Blocks updates</span> : null}
      </p>
      {explanation.nextStep ? (
        <p className="stack__next-step">
          <strong>Next step:</strong> {explanation.nextStep}
        </p>
      ) : null}
      {report.found ? (
        <dl className="facts">
          <div>
            <dt>Last updated</dt>
            <dd>{updated ? <TimeAgo date={updated} now={now} /> : 'Unknown'}</dd>
          </div>
          <div>
            <dt>Termination protection</dt>
            <dd>{report.terminationProtection ? 'On' : 'Off'}</dd>
          </div>
          {report.roleArn ? (
            <div>
              <dt>Deployed with</dt>
              <dd>
                <code>{report.roleArn}</code>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {report.found ? <StackTables report={report} /> : null}
    </>
  );
}
