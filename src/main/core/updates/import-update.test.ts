import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates/index';
import { CELL } from '../../../../test/support/update-fixtures';
import type { ImportMeta } from '../../../shared/updates/update-requests';
import { AppErrorException } from '../errors/app-error';
import { type CellRef, type ImportFile, prepareImport, readImportFiles } from './import-update';
import type { StoredImport } from './update-file';

const NOW = new Date('2026-03-05T12:00:00.000Z');
const META: ImportMeta = { label: 'Infrastructure Update v37' };

function file(
  name: 'role.json' | 'role.yaml' | 'instance.json' | 'instance.yaml',
  extra: Partial<ImportFile> = {},
): ImportFile {
  return { name, bytes: new TextEncoder().encode(loadFixture(name)), ...extra };
}

function prepare(
  files: ImportFile[],
  options: { cell?: CellRef; meta?: ImportMeta; existing?: StoredImport[] } = {},
) {
  return prepareImport(
    options.cell ?? CELL,
    readImportFiles(files),
    options.meta ?? META,
    options.existing ?? [],
    NOW,
  );
}

function failure(run: () => unknown): { code: string; message: string; nextStep?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError;
    throw error;
  }
  throw new Error('expected an AppErrorException');
}

describe('main/core/updates/import-update', () => {
  it('recognises each template by content, role first, with its sha256 and fingerprint, released now by default', () => {
    const { record, texts } = prepare([file('instance.json'), file('role.yaml')]);
    expect(record.templates.map((t) => [t.kind, t.name, t.format])).toEqual([
      ['role', 'role.yaml', 'yaml'],
      ['instance', 'instance.json', 'json'],
    ]);
    expect(record.releasedAt).toBe(NOW.toISOString());
    expect(record.id).toMatch(/^imp-[0-9a-f]{24}$/);
    expect(texts.get(record.templates[0]?.sha256 ?? '')).toBe(loadFixture('role.yaml'));
  });

  it('takes a stated release date and deadline as that date, 00:00 UTC', () => {
    const { record } = prepare([file('role.json')], {
      meta: {
        ...META,
        releasedAt: '2026-02-20',
        deadlineOverride: '2026-03-10',
        notes: '  Rotates the role.  ',
      },
    });
    expect(record).toMatchObject({
      releasedAt: '2026-02-20T00:00:00.000Z',
      deadlineOverride: '2026-03-10T00:00:00.000Z',
      notes: 'Rotates the role.',
    });
  });

  it('refuses a role template offered for the instance stack, naming both', () => {
    const error = failure(() => prepare([file('role.json', { kind: 'instance' })]));
    expect(error.code).toBe('template-wrong-stack');
    expect(error.message).toMatch(/role\.json is the role template .* offered for the instance stack/);
  });

  it('refuses a template that is neither, saying why', () => {
    const unrelated: ImportFile = {
      name: 'topic.json',
      bytes: new TextEncoder().encode(JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } })),
    };
    const error = failure(() => prepare([unrelated]));
    expect(error.code).toBe('template-not-recognised');
    expect(error.message).toMatch(/does not create the IAM role GitpodSetupAndInitialEKSUserAdmin/);
  });

  it('refuses two templates of the same kind', () => {
    const error = failure(() => prepare([file('role.json'), file('role.yaml')]));
    expect(error.code).toBe('import-same-kind-twice');
  });

  it('refuses a role template for a cell without a role stack, and says where to add it', () => {
    const { roleStack: _none, ...instanceOnly } = CELL;
    const error = failure(() => prepare([file('role.json')], { cell: instanceOnly }));
    expect(error.code).toBe('import-no-role-stack');
    expect(error.nextStep).toMatch(/Settings → Cells/);
  });

  it('refuses the same update imported twice, even as the other format', () => {
    const first = prepare([file('role.json'), file('instance.json')]).record;
    const error = failure(() => prepare([file('instance.yaml'), file('role.yaml')], { existing: [first] }));
    expect(error.code).toBe('update-already-imported');
    expect(error.message).toContain('Infrastructure Update v37');
    // The same templates for another cell are another update.
    expect(() =>
      prepare([file('role.json'), file('instance.json')], {
        cell: { ...CELL, id: '11111111-2222-4333-8444-555555555555' },
        existing: [first],
      }),
    ).not.toThrow();
  });

  it('refuses an empty label, no templates, three templates, and a deadline before the release', () => {
    expect(failure(() => prepare([file('role.json')], { meta: { label: '  ' } })).code).toBe(
      'invalid-import',
    );
    expect(failure(() => prepare([])).code).toBe('import-no-templates');
    expect(failure(() => prepare([file('role.json'), file('instance.json'), file('role.yaml')])).code).toBe(
      'import-too-many-templates',
    );
    expect(
      failure(() =>
        prepare([file('role.json')], {
          meta: { ...META, releasedAt: '2026-03-01', deadlineOverride: '2026-02-01' },
        }),
      ).code,
    ).toBe('invalid-import');
    expect(
      failure(() => prepare([file('role.json')], { meta: { ...META, changelogUrl: 'http://x.example/log' } }))
        .code,
    ).toBe('invalid-import');
  });

  it('refuses a file that is not a template before anything else', () => {
    const error = failure(() =>
      prepare([{ name: 'notes.txt', bytes: new TextEncoder().encode('just words') }]),
    );
    expect(error.code).toBe('not-a-template');
  });
});
