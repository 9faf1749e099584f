import { useState } from 'react';
import type { PendingUpdate, UpdatesState } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { parseTime } from '../../cells/format-time';
import { type Action, useAction } from '../../hooks/useAction';
import { DAY_MS, formatWhen } from '../../updates/deadline-words';
import { useUpdates } from '../../updates/updates-context';

export interface SnoozeChoice {
  readonly label: string;
  /** When reminders resume, worked out at the click, not at the last render. */
  readonly until: (clickedAt: number, deadline: number) => number;
}

const CHOICES: readonly SnoozeChoice[] = [
  { label: 'For 1 day', until: (at) => at + DAY_MS },
  { label: 'For 3 days', until: (at) => at + 3 * DAY_MS },
  { label: 'Until the day before the deadline', until: (_at, deadline) => deadline - DAY_MS },
];

export interface Snooze {
  /** Past the deadline there is nothing to hold back: overdue reminders come daily. */
  readonly possible: boolean;
  readonly snoozed: boolean;
  /** The choices that still lie ahead. */
  readonly choices: readonly SnoozeChoice[];
  readonly snooze: Pick<Action, 'running' | 'error'>;
  readonly unsnooze: Pick<Action, 'running' | 'error'>;
  /** What the last snooze or unsnooze did, in words. */
  readonly message: string;
  readonly choose: (choice: SnoozeChoice, onDone: () => void) => void;
  readonly resume: () => void;
}

/**
 * Holding an update's reminders back. Main never snoozes past the deadline (it cuts the time
 * there), so the message gives the time main returned, not the one asked for.
 */
export function useSnooze(update: PendingUpdate, now: Date): Snooze {
  const api = useApi();
  const { apply } = useUpdates();
  const snooze = useAction();
  const unsnooze = useAction();
  const [message, setMessage] = useState('');
  const deadline = parseTime(update.deadline)?.getTime() ?? now.getTime();
  const snoozedUntil = parseTime(update.snoozedUntil);
  const busy = snooze.running || unsnooze.running;

  const choose = (choice: SnoozeChoice, onDone: () => void): void => {
    if (busy) return;
    const until = new Date(choice.until(Date.now(), deadline)).toISOString();
    void snooze.run(
      () => api.updates.snooze({ id: update.id, until }),
      (state) => {
        apply(state);
        const returned = parseTime(findUpdate(state, update.id)?.snoozedUntil);
        setMessage(
          returned ? `Reminders snoozed until ${formatWhen(returned)}.` : 'Reminders were not snoozed.',
        );
        onDone();
      },
    );
  };

  const resume = (): void => {
    if (busy) return;
    void unsnooze.run(
      () => api.updates.unsnooze({ id: update.id }),
      (state) => {
        apply(state);
        setMessage('Reminders resumed.');
      },
    );
  };

  return {
    possible: deadline > now.getTime(),
    snoozed: snoozedUntil !== null && snoozedUntil.getTime() > now.getTime(),
    choices: CHOICES.filter((choice) => choice.until(now.getTime(), deadline) > now.getTime()),
    snooze: { running: snooze.running, error: snooze.error },
    unsnooze: { running: unsnooze.running, error: unsnooze.error },
    message,
    choose,
    resume,
  };
}

function findUpdate(state: UpdatesState, id: string): PendingUpdate | undefined {
  for (const cell of state.cells) {
    const found = cell.pending.find((update) => update.id === id);
    if (found) return found;
  }
  return undefined;
}
