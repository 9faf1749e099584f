import type { ReactElement } from 'react';
import { formatAbsolute, formatRelative } from '../cells/format-time';

/** "5 minutes ago (12 May 2025, 14:03 CEST)": both, so neither has to be worked out. */
export function TimeAgo({ date, now }: { date: Date; now: Date }): ReactElement {
  return (
    <time dateTime={date.toISOString()}>
      {formatRelative(date, now)} ({formatAbsolute(date)})
    </time>
  );
}
