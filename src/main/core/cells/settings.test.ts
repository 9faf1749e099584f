import { describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING } from '../../../shared/monitoring-settings';
import {
  DEFAULT_SETTINGS,
  describeSettingsProblem,
  loadSettings,
  SETTINGS_VERSION,
  type SettingsProblem,
  settingsSchema,
} from './settings';

const PRODUCTION = {
  id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Production',
  region: 'eu-central-1',
  accountId: '123456789012',
  roleStack: 'gitpod-role',
  instanceStack: 'gitpod-instance',
  domain: 'gitpod.example.com',
};

const STAGING = {
  id: '0b7e5a1c-2d3f-4e5a-9b8c-7d6e5f4a3b2c',
  name: 'Staging',
  profile: 'staging',
  region: 'us-east-1',
  accountId: '210987654321',
  instanceStack: 'cell',
};

/** The settings of the current version with these cells and default monitoring. */
function current(cells: unknown[]): Record<string, unknown> {
  return { version: SETTINGS_VERSION, cells, monitoring: DEFAULT_MONITORING };
}

describe('main/core/cells/settings', () => {
  describe('loadSettings', () => {
    it.each([
      ['missing', undefined],
      ['null', null],
    ])('gives the defaults and no problem for a %s file', (_label, raw) => {
      const loaded = loadSettings(raw);
      expect(loaded.settings).toEqual(current([]));
      expect(loaded.problem).toBeUndefined();
    });

    it('reads a current file as it is, with no problem', () => {
      const loaded = loadSettings(current([PRODUCTION, STAGING]));
      expect(loaded).toEqual({ settings: current([PRODUCTION, STAGING]) });
    });

    it('migrates a version 0 file (no version field, a cells array) to the current version, keeping its cells', () => {
      const loaded = loadSettings({ cells: [PRODUCTION, STAGING] });
      expect(loaded.problem).toBeUndefined();
      expect(loaded.settings).toEqual(current([PRODUCTION, STAGING]));
    });

    it('migrates a version 0 file with a domain written as an https URL to its host', () => {
      const loaded = loadSettings({ cells: [{ ...PRODUCTION, domain: 'https://gitpod.example.com/' }] });
      expect(loaded.settings.cells[0]?.domain).toBe('gitpod.example.com');
    });

    it('migrates a version 0 file without cells to an empty list', () => {
      expect(loadSettings({})).toEqual({ settings: current([]) });
    });

    it('reports a version 0 file whose cells are not a list instead of emptying it silently', () => {
      const loaded = loadSettings({ cells: { Production: PRODUCTION } });
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
      expect(loaded.problem?.kind).toBe('invalid');
    });

    it('reports an unknown top-level key of a version 0 file, as for version 1', () => {
      const loaded = loadSettings({ cells: [PRODUCTION], token: 'ghp_secret' });
      expect(loaded.settings).toEqual(current([PRODUCTION]));
      expect(loaded.problem).toEqual({ kind: 'unknown-keys', keys: ['token'] });
    });

    it('does not guess at a file from a newer version: defaults and a future-version problem', () => {
      const loaded = loadSettings({ version: 99, cells: [PRODUCTION], somethingNew: true });
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
      expect(loaded.problem).toEqual({ kind: 'future-version', version: 99 });
    });

    it('keeps the valid cells of a hand-edited file and names the invalid one', () => {
      const broken = {
        ...STAGING,
        id: '9c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f',
        name: 'Typo',
        accountId: '1234',
      };
      const loaded = loadSettings({ version: 1, cells: [PRODUCTION, broken, STAGING] });
      expect(loaded.settings).toEqual(current([PRODUCTION, STAGING]));
      expect(loaded.problem).toEqual({ kind: 'cells-dropped', names: ['Typo'] });
    });

    it('names a dropped cell without a name by its position', () => {
      const loaded = loadSettings({ version: 1, cells: [PRODUCTION, { region: 'eu-west-1' }] });
      expect(loaded.settings.cells).toEqual([PRODUCTION]);
      expect(loaded.problem).toEqual({ kind: 'cells-dropped', names: ['cell 2'] });
    });

    it('drops the second of two cells that share an id', () => {
      const twin = { ...STAGING, id: PRODUCTION.id, name: 'Twin' };
      const loaded = loadSettings({ version: 1, cells: [PRODUCTION, twin] });
      expect(loaded.settings.cells).toEqual([PRODUCTION]);
      expect(loaded.problem).toEqual({ kind: 'cells-dropped', names: ['Twin'] });
    });

    it('salvages the cells of a hand-edited version 0 file too', () => {
      const loaded = loadSettings({ cells: [PRODUCTION, { ...STAGING, region: 'Frankfurt' }] });
      expect(loaded.settings).toEqual(current([PRODUCTION]));
      expect(loaded.problem).toEqual({ kind: 'cells-dropped', names: ['Staging'] });
    });

    it.each([
      ['an array', [PRODUCTION]],
      ['a string', 'version: 1'],
      ['a number', 1],
      ['a boolean', true],
      ['a string version', { version: '1', cells: [PRODUCTION] }],
      ['a fractional version', { version: 1.5, cells: [PRODUCTION] }],
      ['a null version', { version: null, cells: [] }],
      ['a negative version', { version: -1, cells: [] }],
      ['cells that are not a list', { version: 1, cells: { Production: PRODUCTION } }],
    ])('gives the defaults and an invalid problem for %s', (_label, raw) => {
      const loaded = loadSettings(raw);
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
      expect(loaded.problem?.kind).toBe('invalid');
    });

    it('does not keep a secret-looking key inside a cell: the cell is set aside by name', () => {
      const leaky = { ...STAGING, aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
      const loaded = loadSettings({ version: 1, cells: [PRODUCTION, leaky] });
      expect(loaded.settings).toEqual(current([PRODUCTION]));
      expect(loaded.problem).toEqual({ kind: 'cells-dropped', names: ['Staging'] });
      expect(JSON.stringify(loaded)).not.toContain('wJalrXUtnFEMI');
    });

    it('does not keep a secret-looking key at the top level, but keeps the valid cells', () => {
      const loaded = loadSettings({
        version: 1,
        cells: [PRODUCTION, STAGING],
        aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      });
      expect(loaded.settings).toEqual(current([PRODUCTION, STAGING]));
      expect(loaded.problem).toEqual({ kind: 'unknown-keys', keys: ['aws_secret_access_key'] });
      expect(JSON.stringify(loaded)).not.toContain('wJalrXUtnFEMI');
    });

    it('reports both an unknown top-level key and a dropped cell as dropped cells (the cell matters more)', () => {
      const loaded = loadSettings({
        version: 1,
        cells: [PRODUCTION, { ...STAGING, accountId: 'x' }],
        extra: 1,
      });
      expect(loaded.settings.cells).toEqual([PRODUCTION]);
      expect(loaded.problem).toEqual({ kind: 'cells-dropped', names: ['Staging'] });
    });

    it('gives the defaults and an invalid problem for more cells than the limit', () => {
      const cells = Array.from({ length: 51 }, (_, index) => ({
        ...PRODUCTION,
        id: `6f1c2d3e-4b5a-4c7d-8e9f-${index.toString(16).padStart(12, '0')}`,
        name: `Cell ${index}`,
      }));
      const loaded = loadSettings({ version: 1, cells });
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
      expect(loaded.problem?.kind).toBe('invalid');
    });

    it('migrates a version 1 file to version 2 with the monitoring defaults: 15 minutes, no quiet hours', () => {
      const loaded = loadSettings({ version: 1, cells: [PRODUCTION] });
      expect(loaded.problem).toBeUndefined();
      expect(loaded.settings).toEqual(current([PRODUCTION]));
      expect(loaded.settings.monitoring).toMatchObject({ refreshIntervalMinutes: 15, quietHours: null });
    });

    it('keeps monitoring settings that are valid', () => {
      const monitoring = {
        refreshIntervalMinutes: 30,
        quietHours: { start: '22:00', end: '07:00' },
        liveStatus: { dashboardPollSeconds: 120, trayPollMinutes: 10 },
      };
      const loaded = loadSettings({ version: 2, cells: [PRODUCTION], monitoring });
      expect(loaded).toEqual({ settings: { version: 2, cells: [PRODUCTION], monitoring } });
    });

    it.each([
      ['an interval under 5 minutes', { ...DEFAULT_MONITORING, refreshIntervalMinutes: 1 }, /at least 5/],
      ['an interval over 60 minutes', { ...DEFAULT_MONITORING, refreshIntervalMinutes: 90 }, /at most 60/],
      ['a fractional interval', { ...DEFAULT_MONITORING, refreshIntervalMinutes: 7.5 }, /whole/],
      [
        'quiet hours at 25:00',
        { ...DEFAULT_MONITORING, quietHours: { start: '25:00', end: '07:00' } },
        /HH:MM/,
      ],
      [
        'quiet hours ending as they start',
        { ...DEFAULT_MONITORING, quietHours: { start: '07:00', end: '07:00' } },
        /different/,
      ],
      ['not an object', 'often', /expected object/],
    ])(
      'keeps the cells and resets monitoring to its defaults for %s, saying why',
      (_label, monitoring, why) => {
        const loaded = loadSettings({ version: 2, cells: [PRODUCTION, STAGING], monitoring });
        expect(loaded.settings).toEqual(current([PRODUCTION, STAGING]));
        expect(loaded.problem?.kind).toBe('monitoring-reset');
        expect(loaded.problem && 'detail' in loaded.problem ? loaded.problem.detail : '').toMatch(why);
      },
    );

    it('never returns settings the schema refuses', () => {
      const inputs: unknown[] = [
        undefined,
        { cells: [PRODUCTION] },
        { version: 1, cells: [PRODUCTION, { name: 'x' }] },
        { version: 1, cells: [], extra: 'x' },
        { version: 99 },
        'garbage',
      ];
      for (const raw of inputs) {
        expect(settingsSchema.safeParse(loadSettings(raw).settings).success).toBe(true);
      }
    });
  });

  describe('describeSettingsProblem', () => {
    const problems: Array<[SettingsProblem, RegExp]> = [
      [
        { kind: 'unreadable', detail: 'the file is not valid JSON' },
        /could not be read \(the file is not valid JSON\)/,
      ],
      [{ kind: 'future-version', version: 99 }, /newer Dedicated Admin.*version 99/],
      [
        { kind: 'invalid', detail: 'version is not a whole number' },
        /not valid \(version is not a whole number\)/,
      ],
      [{ kind: 'cells-dropped', names: ['Typo', 'cell 3'] }, /not valid and were set aside: Typo, cell 3\./],
      [{ kind: 'unknown-keys', keys: ['aws_secret_access_key'] }, /were left out: aws_secret_access_key\./],
      [{ kind: 'monitoring-reset', detail: 'refreshIntervalMinutes: at most 60' }, /back to their defaults/],
    ];

    it.each(problems)('describes %o in a readable sentence', (problem, expected) => {
      const words = describeSettingsProblem(problem);
      expect(words).toMatch(expected);
      expect(words).toMatch(/^[A-Z].*\.$/);
      expect(words).not.toMatch(/undefined|\[object Object\]/);
    });

    it('says default settings were used whenever the cells were not kept', () => {
      for (const problem of [
        { kind: 'unreadable', detail: 'EACCES' },
        { kind: 'future-version', version: 3 },
        { kind: 'invalid', detail: 'file: bad' },
      ] satisfies SettingsProblem[]) {
        expect(describeSettingsProblem(problem)).toMatch(/default settings/);
      }
    });
  });
});
