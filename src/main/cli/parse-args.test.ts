import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './parse-args';

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
});
