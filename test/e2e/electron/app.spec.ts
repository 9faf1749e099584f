import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ipcContract } from '../../../src/shared/ipc/contract';
import { displayProblem, findElectronBinary } from './electron-binary';

/** What the preload exposes: every contract area, plus `on` for events. */
const EXPOSED_AREAS = [...Object.keys(ipcContract), 'on'].sort();

const APP_DIR = join(import.meta.dirname, '..', '..', '..');
const binary = findElectronBinary();
const noDisplay = displayProblem();

test.describe('the packaged-shape app in real Electron', () => {
  test.skip(!binary.available, binary.available ? '' : `Skipped: ${binary.reason}`);
  test.skip(noDisplay !== null, `Skipped: ${noDisplay}`);

  test('starts, opens an isolated dashboard on the Overview, and hides it instead of quitting on close', async () => {
    if (!binary.available) return;
    const app = await electron.launch({ executablePath: binary.path, args: [APP_DIR] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe(
        'undefined',
      );
      expect(
        await page.evaluate(() =>
          Object.keys((window as unknown as { dedicatedAdmin: object }).dedicatedAdmin).sort(),
        ),
      ).toEqual(EXPOSED_AREAS);
      expect(page.url()).toMatch(/^app:\/\/dashboard\//);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      const stillThere = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
      expect(stillThere).toBe(1);
    } finally {
      await app.close();
    }
  });
});
