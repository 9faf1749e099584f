/** Why changes are off when main reports the updates file as read-only. */
export const UPDATES_READ_ONLY_REASON =
  'The updates file was written by a newer version of Dedicated Admin, or it could not be backed up, so this version leaves it untouched. Pending updates are still found and shown, but importing, removing and snoozing updates are turned off.';
