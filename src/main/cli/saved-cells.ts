import type { Cell } from '../../shared/cells/cell';
import { describeSettingsProblem, loadSettings } from '../core/cells/settings';
import { FileSettingsBackend } from '../core/cells/settings-backend';
import { settingsFilePath } from '../core/cells/settings-path';
import { CliFailure } from './cli-io';

/**
 * Reads the app's settings without changing them: the CLI never backs up, migrates or
 * rewrites the file the app owns. A problem is reported and the command stops.
 */
export async function savedCells(env: NodeJS.ProcessEnv): Promise<Cell[]> {
  const backend = new FileSettingsBackend(settingsFilePath(env));
  const raw = await backend.read();
  if (raw.kind === 'missing') return [];
  if (raw.kind === 'unreadable') {
    throw new CliFailure(
      `${describeSettingsProblem({ kind: 'unreadable', detail: raw.detail })} (${backend.path})`,
    );
  }
  const loaded = loadSettings(raw.data);
  if (loaded.problem) throw new CliFailure(`${describeSettingsProblem(loaded.problem)} (${backend.path})`);
  return loaded.settings.cells;
}

/** The saved cell of that name (case-insensitive), or a failure naming the known ones. */
export function findCell(cells: readonly Cell[], name: string): Cell {
  const cell = cells.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!cell) {
    throw new CliFailure(`no cell named "${name}" (known: ${cells.map((c) => c.name).join(', ') || 'none'})`);
  }
  return cell;
}
