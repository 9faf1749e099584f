import type { ReactElement } from 'react';
import type { ApplyStackView, RunProgress } from '../../../../shared/apply/run';
import { formatCount, formatDuration, stackPhrase } from '../../apply/apply-labels';
import { useNow } from '../../hooks/useNow';

const RUNNING_PHASES: ReadonlySet<ApplyStackView['phase']> = new Set([
  'executing',
  'monitoring',
  'recovering',
]);

/** Time since the execution started: ticking while it runs, as main last counted it once it has ended. */
function Elapsed({ progress, running }: { progress: RunProgress; running: boolean }): ReactElement {
  const now = useNow(running ? 1000 : 3_600_000);
  const started = Date.parse(progress.startedAt);
  const ticking = Number.isNaN(started)
    ? progress.elapsedMs
    : Math.max(progress.elapsedMs, now.getTime() - started);
  return <>{formatDuration(running ? ticking : progress.elapsedMs)}</>;
}

/** The stack's progress: a bar of resources done, the count, the time, and a note while AWS is out of reach. */
export function RunProgressBar({
  stack,
  progress,
}: {
  stack: ApplyStackView;
  progress: RunProgress;
}): ReactElement {
  const running = RUNNING_PHASES.has(stack.phase);
  const known = progress.percent !== null;
  const counted =
    progress.resourcesTotal > 0
      ? `${formatCount(progress.resourcesDone)} of ${formatCount(progress.resourcesTotal)} resources done`
      : `${formatCount(progress.resourcesDone)} resources done`;

  return (
    <div className="apply-monitor__progress">
      <div
        className={`apply-progress${known ? '' : ' apply-progress--indeterminate'}`}
        role="progressbar"
        aria-label={`Progress of ${stackPhrase(stack)}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? Math.round(progress.percent ?? 0) : undefined}
        aria-valuetext={counted}
      >
        <span className="apply-progress__bar" style={known ? { width: `${progress.percent}%` } : undefined} />
      </div>
      <dl className="facts apply-facts">
        <div>
          <dt>Resources</dt>
          <dd>{counted}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>
            <Elapsed progress={progress} running={running} />
          </dd>
        </div>
        {progress.stackStatus ? (
          <div>
            <dt>Stack status</dt>
            <dd>
              <code>{progress.stackStatus}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="apply-monitor__message">{progress.message}</p>
      <p className="apply-monitor__reconnecting" role="status">
        {progress.reconnecting ? (
          <>
            <span className="spinner" aria-hidden="true" /> Reconnecting… AWS cannot be reached right now; the
            app keeps trying, and the update goes on in AWS meanwhile.
          </>
        ) : null}
      </p>
    </div>
  );
}
