/** Why changes are off when main reports the settings as read-only. */
export const READ_ONLY_REASON =
  'The settings file was written by a newer version of Dedicated Admin, or it could not be backed up, so this version leaves it untouched. Cells are still checked, but adding, editing and removing them is turned off.';
