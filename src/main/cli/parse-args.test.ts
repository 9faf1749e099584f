import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE, UsageError } from './parse-args';

const ORG = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('main/cli/parse-args', () => {
  it('reads status with a cell, or with a profile and region, and --json', () => {
    expect(parseCliArgs(['status', '--cell', 'prod', '--json'])).toEqual({
      kind: 'status',
      cell: 'prod',
      json: true,
    });
    expect(parseCliArgs(['status', '--profile', 'p', '--region', 'eu-west-1'])).toEqual({
      kind: 'status',
      profile: 'p',
      region: 'eu-west-1',
      json: false,
    });
  });

  it('shows help with no command, -h or --help, and the version with -v', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['status', '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it('refuses unknown commands, unknown flags, stray arguments and --cell mixed with --profile', () => {
    expect(() => parseCliArgs(['deploy'])).toThrow(UsageError);
    expect(() => parseCliArgs(['status', '--token', 'gitpod_pat_x'])).toThrow(UsageError);
    expect(() => parseCliArgs(['status', 'extra'])).toThrow(/unexpected argument/);
    expect(() => parseCliArgs(['status', '--cell', 'a', '--profile', 'b'])).toThrow(/either --cell/);
  });

  it('reads import with a cell, its templates, a release date and a label', () => {
    expect(
      parseCliArgs([
        'import',
        '--cell',
        'prod',
        '--role',
        'role.yaml',
        '--instance',
        's3://bucket/instance.json',
        '--released',
        '2026-11-20',
        '--label',
        ' Infrastructure Update v37 ',
      ]),
    ).toEqual({
      kind: 'import',
      cell: 'prod',
      role: 'role.yaml',
      instance: 's3://bucket/instance.json',
      released: '2026-11-20',
      label: 'Infrastructure Update v37',
      json: false,
    });
  });

  it('refuses an import without a cell or a template, with a date that is not YYYY-MM-DD or not a day', () => {
    expect(() => parseCliArgs(['import', '--role', 'r.yaml'])).toThrow(/--cell/);
    expect(() => parseCliArgs(['import', '--cell', 'prod'])).toThrow(/--role FILE\|URL, --instance/);
    expect(() => parseCliArgs(['import', '--cell', 'p', '--role', 'r', '--released', '20.11.2026'])).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() => parseCliArgs(['import', '--cell', 'p', '--role', 'r', '--released', '2026-02-30'])).toThrow(
      /YYYY-MM-DD/,
    );
  });

  it("refuses one command's flags on another", () => {
    expect(() => parseCliArgs(['status', '--role', 'r.yaml'])).toThrow(UsageError);
    expect(() => parseCliArgs(['import', '--cell', 'p', '--role', 'r', '--profile', 'x'])).toThrow(
      UsageError,
    );
  });

  it('reads status --domain (https host only) and --org (a UUID), for a saved cell or an unsaved one', () => {
    expect(
      parseCliArgs([
        'status',
        '--cell',
        'prod',
        '--domain',
        'https://Gitpod.Acme.example',
        '--org',
        ORG.toUpperCase(),
      ]),
    ).toEqual({ kind: 'status', cell: 'prod', domain: 'gitpod.acme.example', org: ORG, json: false });
    expect(
      parseCliArgs([
        'status',
        '--profile',
        'p',
        '--region',
        'eu-west-1',
        '--domain',
        'gitpod.acme.example:8443',
      ]),
    ).toEqual({
      kind: 'status',
      profile: 'p',
      region: 'eu-west-1',
      domain: 'gitpod.acme.example:8443',
      json: false,
    });
    expect(() => parseCliArgs(['status', '--domain', 'http://gitpod.acme.example'])).toThrow(/https only/);
    expect(() => parseCliArgs(['status', '--domain', 'gitpod.acme.example/login'])).toThrow(/--domain/);
    expect(() => parseCliArgs(['status', '--org', 'acme'])).toThrow(/--org takes a Gitpod organization ID/);
    expect(() => parseCliArgs(['import', '--cell', 'p', '--role', 'r', '--domain', 'x.example'])).toThrow(
      UsageError,
    );
  });

  it('refuses --token, saying why and pointing to GITPOD_TOKEN, without repeating the value', () => {
    for (const argv of [
      ['status', '--token', 'gitpod_pat_secret.value'],
      ['status', '--token=gitpod_pat_secret.value'],
      ['import', '--cell', 'p', '--token', 'gitpod_pat_secret.value'],
    ]) {
      let message = '';
      try {
        parseCliArgs(argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/--token is not accepted: .*shell history.*GITPOD_TOKEN/);
      expect(message).not.toContain('secret.value');
    }
  });
  it('reads apply for a cell, or a profile and region, with --update or --template and --stack, and --yes', () => {
    expect(parseCliArgs(['apply', '--cell', 'prod'])).toEqual({ kind: 'apply', cell: 'prod', yes: false });
    expect(
      parseCliArgs(['apply', '--cell', 'prod', '--update', 'imp-0123456789abcdef01234567', '--yes']),
    ).toEqual({
      kind: 'apply',
      cell: 'prod',
      update: 'imp-0123456789abcdef01234567',
      yes: true,
    });
    expect(
      parseCliArgs([
        'apply',
        '--profile',
        'acme',
        '--region',
        'eu-west-1',
        '--template',
        's3://drop/role.yaml',
        '--stack',
        'role',
      ]),
    ).toEqual({
      kind: 'apply',
      profile: 'acme',
      region: 'eu-west-1',
      template: 's3://drop/role.yaml',
      stack: 'role',
      yes: false,
    });
  });

  it('refuses an apply without a target, with both kinds of target, or with --update and --template', () => {
    expect(() => parseCliArgs(['apply'])).toThrow(/apply needs --cell NAME, or --profile P and --region R/);
    expect(() => parseCliArgs(['apply', '--yes'])).toThrow(/apply needs --cell/);
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--region', 'eu-west-1'])).toThrow(/either --cell/);
    expect(() =>
      parseCliArgs(['apply', '--cell', 'p', '--update', 'imp-1', '--template', 'r.yaml', '--stack', 'role']),
    ).toThrow(/either --update or --template/);
  });

  it('refuses --template without --stack, --stack without --template, another stack kind, and a malformed update id', () => {
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--template', 'r.yaml'])).toThrow(
      /--template needs --stack role or --stack instance/,
    );
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--stack', 'role'])).toThrow(
      /--stack goes with --template/,
    );
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--template', 'r.yaml', '--stack', 'eks'])).toThrow(
      /--stack takes role or instance, not "eks"/,
    );
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--update', '../etc/passwd'])).toThrow(
      /--update takes/,
    );
  });

  it("refuses other commands' flags on apply, and apply's flags on them", () => {
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--json'])).toThrow(UsageError);
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--role', 'r.yaml'])).toThrow(UsageError);
    expect(() => parseCliArgs(['apply', '--cell', 'p', '--token', 'gitpod_pat_x'])).toThrow(
      /--token is not accepted/,
    );
    expect(() => parseCliArgs(['status', '--yes'])).toThrow(UsageError);
    expect(() => parseCliArgs(['import', '--cell', 'p', '--role', 'r', '--update', 'imp-1'])).toThrow(
      UsageError,
    );
  });

  it('documents apply and its exit codes in the help', () => {
    expect(parseCliArgs(['apply', '--help'])).toEqual({ kind: 'help' });
    expect(USAGE).toContain('Options for apply:');
    expect(USAGE).toMatch(/Exit codes: 0 updated or already up to\s+date, 1 failed, rolled back or blocked/);
    expect(USAGE).toMatch(/3 cancelled by you/);
  });

  it('reads --maintenance-notice and --maintenance-mode for a saved cell, and refuses them otherwise', () => {
    expect(
      parseCliArgs([
        'apply',
        '--cell',
        'prod',
        '--maintenance-notice',
        ' Update at 14:00 ',
        '--maintenance-mode',
      ]),
    ).toMatchObject({ kind: 'apply', maintenance: { notice: 'Update at 14:00', mode: true } });
    expect(parseCliArgs(['apply', '--cell', 'prod', '--maintenance-mode'])).toMatchObject({
      maintenance: { notice: null, mode: true },
    });
    expect(parseCliArgs(['apply', '--cell', 'prod'])).not.toHaveProperty('maintenance');
    expect(() =>
      parseCliArgs(['apply', '--profile', 'p', '--region', 'eu-west-1', '--maintenance-mode']),
    ).toThrow(/need --cell NAME/);
    expect(() => parseCliArgs(['apply', '--cell', 'prod', '--maintenance-notice', '  '])).toThrow(
      /--maintenance-notice takes the text users see/,
    );
  });
});
