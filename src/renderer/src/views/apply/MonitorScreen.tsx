import type { ReactElement } from 'react';
import { PHASE_WORDS, stackPhrase } from '../../apply/apply-labels';
import { RecentEvents } from './RecentEvents';
import { ResourceTimeline } from './ResourceTimeline';
import { RootCauses } from './RootCauses';
import { RunProgressBar } from './RunProgressBar';
import type { ScreenProps } from './screen-props';
import { WorkingProgress } from './WorkingProgress';

/** Steps 7 and 8: the execution followed live, and how it ended. */
export function MonitorScreen({ run, stack, stackIndex }: ScreenProps): ReactElement {
  const next = run.stacks[stackIndex + 1];
  const rolledBack = stack.phase === 'rolled-back' || stack.phase === 'failed';

  return (
    <div className="apply-screen">
      {stack.phase === 'updated' ? (
        <div className="apply-callout apply-callout--ok">
          <p className="apply-callout__title">
            <span aria-hidden="true">✓ </span>Updated
          </p>
          <p>
            <code>{stack.stackName}</code> is{' '}
            {stack.finalStatus ? <code>{stack.finalStatus}</code> : 'updated'}.
            {next && run.status !== 'finished'
              ? ` Next: ${stackPhrase(next)}; the run goes on with it.`
              : null}
          </p>
        </div>
      ) : null}
      {rolledBack ? (
        <div className="apply-callout apply-callout--blocking">
          <p className="apply-callout__title">
            <span aria-hidden="true">✕ </span>
            {PHASE_WORDS[stack.phase]}
          </p>
          <p>
            The update of <code>{stack.stackName}</code> failed
            {stack.phase === 'rolled-back'
              ? ', and CloudFormation rolled all its resources back to how they were.'
              : '.'}
            {stack.finalStatus ? (
              <>
                {' '}
                The stack is <code>{stack.finalStatus}</code>.
              </>
            ) : null}
          </p>
          <RootCauses run={run} stack={stack} />
        </div>
      ) : null}
      {stack.progress ? (
        <RunProgressBar stack={stack} progress={stack.progress} />
      ) : rolledBack || stack.phase === 'updated' ? null : (
        <WorkingProgress label={`${PHASE_WORDS[stack.phase]}: ${stack.stackName}`} message={run.message} />
      )}
      <div className="apply-subsection">
        <h4 className="apply-subsection__title">Recent events</h4>
        <RecentEvents events={stack.recentEvents} stackName={stack.stackName} />
      </div>
      <div className="apply-subsection">
        <h4 className="apply-subsection__title">Timeline of resources</h4>
        <ResourceTimeline
          entries={stack.timeline}
          label={`Resources of ${stack.stackName}, in the order they started`}
        />
      </div>
    </div>
  );
}
