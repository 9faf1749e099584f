import { VIEW_IDS, type ViewId } from '../../../shared/views';

/**
 * Ctrl+1…5 (Cmd on macOS) → the view at that position. `code` keeps it working on layouts
 * where the digit row needs Shift (e.g. AZERTY); `key` covers the numeric keypad.
 */
export function viewForShortcut(event: KeyboardEvent): ViewId | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? /^[1-9]$/.exec(event.key)?.[0];
  if (digit === undefined) return null;
  return VIEW_IDS[Number(digit) - 1] ?? null;
}
