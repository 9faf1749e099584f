import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialog, resetElectronMock } from '../../../test/mocks/electron';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const { saveFileWithDialog } = await import('./save-file');

let dir: string;

beforeEach(async () => {
  resetElectronMock();
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-save-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('main/shell/save-file', () => {
  it('writes the file where the admin chose, offering the suggested name', async () => {
    dialog.nextSavePath = join(dir, 'prod-update.ics');
    const result = await saveFileWithDialog('prod-update.ics', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    expect(result).toEqual({ saved: true, path: join(dir, 'prod-update.ics') });
    expect(await readFile(join(dir, 'prod-update.ics'), 'utf8')).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    expect(dialog.saveDialogs[0]?.defaultPath).toBe('prod-update.ics');
  });

  it('writes nothing when the admin cancels', async () => {
    expect(await saveFileWithDialog('prod-update.ics', 'x')).toEqual({ saved: false });
  });
});
