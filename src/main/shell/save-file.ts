import { writeFile } from 'node:fs/promises';
import { dialog } from 'electron';
import type { CalendarSaved } from '../../shared/updates/update-ipc';

/**
 * Asks where to save, then writes the file. The path comes from the OS dialog only, never from
 * the renderer, so a page cannot choose where main writes.
 */
export async function saveFileWithDialog(defaultName: string, text: string): Promise<CalendarSaved> {
  const choice = await dialog.showSaveDialog({
    defaultPath: defaultName,
    filters: [{ name: 'Calendar event', extensions: ['ics'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false };
  await writeFile(choice.filePath, text, { encoding: 'utf8', mode: 0o644 });
  return { saved: true, path: choice.filePath };
}
