import { type ReactElement, useEffect, useId, useState } from 'react';
import { type ApplyRunView, isFinalPhase } from '../../../../shared/apply/run';
import { endStateAnnouncement } from '../../apply/announcement';
import { PHASE_WORDS, RUN_STATUS_WORDS, stackTitle } from '../../apply/apply-labels';
import {
  type ApplyScreen,
  currentStackOf,
  type ReadScreen,
  SCREEN_TITLES,
  screenFor,
  seenKey,
  stepOfScreen,
} from '../../apply/run-screen';
import { ConfirmScreen } from './ConfirmScreen';
import { CreateScreen } from './CreateScreen';
import { FinishedScreen } from './FinishedScreen';
import { InputScreen } from './InputScreen';
import { MaintenanceStatus } from './MaintenanceStatus';
import { MonitorScreen } from './MonitorScreen';
import { PausedScreen } from './PausedScreen';
import { PreflightScreen } from './PreflightScreen';
import { RecoverScreen } from './RecoverScreen';
import { ReviewScreen } from './ReviewScreen';
import { RunStepList } from './RunStepList';
import { StepHeading } from './StepHeading';

export interface RunWizardProps {
  readonly run: ApplyRunView;
  /** Moves focus to the first screen's heading at once: the admin opened or started the run here. */
  readonly focusOnOpen: boolean;
  /** Shows the start screen for the run's cell, to begin a new run. */
  readonly onStartAgain: () => void;
  /** Back to the list of runs and updates to apply. */
  readonly onShowAll: () => void;
}

/**
 * One run, one screen per step, with each stack's steps beside it. The screen follows the run as
 * main moves it on; focus moves to each new screen's heading so screen readers announce it.
 */
export function RunWizard({ run, focusOnOpen, onStartAgain, onShowAll }: RunWizardProps): ReactElement {
  const titleId = useId();
  const headingId = useId();
  const [seen, setSeen] = useState<ReadonlySet<string>>(() => new Set());
  const screen = screenFor(run, seen);
  const stack = currentStackOf(run);
  const stackIndex = run.currentStack;
  const screenKey = `${stackIndex}:${screen}`;
  const [firstKey] = useState(screenKey);
  const [moved, setMoved] = useState(focusOnOpen);

  useEffect(() => {
    if (screenKey !== firstKey) setMoved(true);
  }, [screenKey, firstKey]);

  const setRead = (read: ReadScreen, done: boolean): void =>
    setSeen((before) => {
      const next = new Set(before);
      if (done) next.add(seenKey(stackIndex, read));
      else next.delete(seenKey(stackIndex, read));
      return next;
    });

  const earlier = run.stacks.slice(0, stackIndex).filter((other) => isFinalPhase(other.phase));
  const props = { run, stack, stackIndex };

  return (
    <section className="apply-run" aria-labelledby={titleId}>
      <div className="apply-run__header">
        <h2 className="apply-run__title" id={titleId}>
          {run.label} on {run.cellName}
        </h2>
        <p className="apply-run__meta">
          {RUN_STATUS_WORDS[run.status]} · account <code>{run.accountId}</code> · {run.region}
        </p>
        <button type="button" className="link-button apply-run__all" onClick={onShowAll}>
          All runs and updates to apply
        </button>
      </div>
      <p className="apply-run__announcement" role="status">
        {endStateAnnouncement(run)}
      </p>
      <MaintenanceStatus run={run} />
      {screen !== 'finished' && earlier.length > 0 ? (
        <ul className="apply-run__earlier">
          {earlier.map((other) => (
            <li key={other.stackName}>
              {stackTitle(other)}: {PHASE_WORDS[other.phase]}
            </li>
          ))}
        </ul>
      ) : null}
      {run.error && run.status !== 'finished' && screen !== 'paused' ? (
        <div className="apply-callout apply-callout--blocking">
          <p className="apply-callout__title">{run.error.message}</p>
          {run.error.nextStep ? <p>{run.error.nextStep}</p> : null}
        </div>
      ) : null}
      <div className="apply-run__layout">
        <RunStepList run={run} currentStep={stepOfScreen(screen, stack, run)} />
        <section className="apply-step" aria-labelledby={headingId}>
          <StepHeading
            key={screenKey}
            id={headingId}
            context={screen === 'finished' ? `${run.cellName}, account ${run.accountId}` : stackTitle(stack)}
            title={SCREEN_TITLES[screen]}
            focus={moved}
          />
          <ScreenBody
            screen={screen}
            {...props}
            onRead={(read) => setRead(read, true)}
            onUnread={(read) => setRead(read, false)}
            onStartAgain={onStartAgain}
          />
        </section>
      </div>
    </section>
  );
}

interface ScreenBodyProps {
  readonly screen: ApplyScreen;
  readonly run: ApplyRunView;
  readonly stack: ApplyRunView['stacks'][number];
  readonly stackIndex: number;
  readonly onRead: (read: ReadScreen) => void;
  readonly onUnread: (read: ReadScreen) => void;
  readonly onStartAgain: () => void;
}

function ScreenBody({ screen, onRead, onUnread, onStartAgain, ...props }: ScreenBodyProps): ReactElement {
  const { run } = props;
  const awaiting = run.awaiting;
  switch (screen) {
    case 'preflight':
      return (
        <PreflightScreen {...props} onContinue={() => onRead('preflight')} onStartAgain={onStartAgain} />
      );
    case 'input':
      return awaiting?.kind === 'input' ? (
        <InputScreen {...props} awaiting={awaiting} onBack={() => onUnread('preflight')} />
      ) : (
        <CreateScreen {...props} />
      );
    case 'create':
      return <CreateScreen {...props} />;
    case 'review':
      return <ReviewScreen {...props} onContinue={() => onRead('review')} />;
    case 'confirm':
      return awaiting?.kind === 'confirmation' ? (
        <ConfirmScreen {...props} awaiting={awaiting} onBack={() => onUnread('review')} />
      ) : (
        <CreateScreen {...props} />
      );
    case 'monitor':
      return <MonitorScreen {...props} />;
    case 'recover':
      return awaiting?.kind === 'recovery' ? (
        <RecoverScreen {...props} awaiting={awaiting} />
      ) : (
        <MonitorScreen {...props} />
      );
    case 'paused':
      return <PausedScreen {...props} />;
    case 'finished':
      return <FinishedScreen run={run} onStartAgain={onStartAgain} />;
  }
}
