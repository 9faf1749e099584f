import { createHash } from 'node:crypto';
import { createEvent, type EventAttributes } from 'ics';
import { appError } from '../errors/app-error';
import { OVERDUE_MEANING } from './deadline';

export interface CalendarUpdate {
  readonly id: string;
  readonly cellName: string;
  readonly label: string;
  readonly deadline: Date;
  /** Stack names in apply order, when known. */
  readonly stacks?: readonly string[];
}

/**
 * The same update always gets the same UID, so adding it to the calendar again (say, after
 * the vendor moved the deadline) updates the event instead of adding a second one. Hashed
 * because update ids are ARNs and file names, not the host-like form UIDs conventionally take.
 */
export function calendarUid(updateId: string): string {
  const digest = createHash('sha256').update(updateId).digest('hex').slice(0, 32);
  return `update-${digest}@dedicated-admin`;
}

/** A file name for the event that says what it is and is safe on every platform. */
export function calendarFileName(update: CalendarUpdate): string {
  const slug = `${update.cellName}-${update.label}`
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80);
  return `${slug || 'update'}-deadline.ics`;
}

/**
 * An iCalendar file with one event at the update's deadline and a reminder a day before.
 * `now` is the event's DTSTAMP, which calendars use to tell a newer copy from an older one.
 */
export function deadlineCalendarFile(update: CalendarUpdate, now: Date): string {
  const order = update.stacks?.length ? ` It updates, in this order: ${update.stacks.join(', then ')}.` : '';
  // `timestamp` (DTSTAMP) is accepted by ics but missing from its type declarations.
  const attributes: EventAttributes & { timestamp: number } = {
    uid: calendarUid(update.id),
    productId: 'dedicated-admin',
    title: `Apply ${update.label} to Gitpod Dedicated cell ${update.cellName}`,
    description:
      `Deadline for ${update.label} on the cell ${update.cellName}. ` +
      `Apply it before then: open Dedicated Admin, go to Updates and choose Apply.${order} ` +
      `If it is not applied in time: ${OVERDUE_MEANING}`,
    start: update.deadline.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: 30 },
    timestamp: now.getTime(),
    // A deadline, not a meeting: it must not show the admin as busy.
    busyStatus: 'FREE',
    transp: 'TRANSPARENT',
    alarms: [
      {
        action: 'display',
        description: `${update.cellName}: ${update.label} is due in 24 hours`,
        // { days: 1 } comes out as "-P1DT", which RFC 5545 does not allow; 24 hours is "-PT24H".
        trigger: { hours: 24, before: true },
      },
    ],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) {
    throw appError(
      'calendar-event-failed',
      `The calendar event for ${update.label} could not be created: ${error?.message ?? 'no output'}.`,
      'Note the deadline shown in the Updates view instead.',
    );
  }
  return value;
}
