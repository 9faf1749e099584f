/** "HH:MM" in local time, 24-hour, whatever the locale, so it reads the same in every message. */
export function formatClockTime(date: Date): string {
  const hours = String(date.getHours()).padStart(2, '0');
  const minutes = String(date.getMinutes()).padStart(2, '0');
  return `${hours}:${minutes}`;
}

/** "Checked 14:05", or "Not checked yet" before the first completed check. */
export function formatCheckedAt(checkedAt: string | null): string {
  if (checkedAt === null) return 'Not checked yet';
  const date = new Date(checkedAt);
  if (Number.isNaN(date.getTime())) return 'Not checked yet';
  return `Checked ${formatClockTime(date)}`;
}
