import { describe, expect, it } from 'vitest';
import {
  type Cell,
  type CellInput,
  cellDomainSchema,
  cellSchema,
  cellStacks,
  GITPOD_ROLE_NAME,
} from './cell';

const ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

function input(overrides: Partial<CellInput> = {}): CellInput {
  return {
    id: ID,
    name: 'Production',
    region: 'eu-central-1',
    accountId: '123456789012',
    roleStack: 'gitpod-role',
    instanceStack: 'gitpod-instance',
    ...overrides,
  };
}

function parseCell(value: CellInput): Cell {
  return cellSchema.parse(value);
}

describe('shared/cells/cell', () => {
  describe('domain', () => {
    it.each([
      ['gitpod.example.com', 'gitpod.example.com'],
      ['https://gitpod.example.com/', 'gitpod.example.com'],
      ['https://gitpod.example.com', 'gitpod.example.com'],
      ['HTTPS://Gitpod.Example.com', 'gitpod.example.com'],
      ['gitpod.example.com:8443', 'gitpod.example.com:8443'],
    ])('accepts %s and stores the host %s', (value, host) => {
      expect(cellDomainSchema.parse(value)).toBe(host);
    });

    it('stores an https URL as its host when it is part of a cell', () => {
      expect(parseCell(input({ domain: 'https://gitpod.example.com/' })).domain).toBe('gitpod.example.com');
    });

    it.each([
      ['plain http', 'http://gitpod.example.com'],
      ['another scheme', 'ftp://gitpod.example.com'],
      ['a path', 'gitpod.example.com/workspaces'],
      ['a path after an https origin', 'https://gitpod.example.com/login'],
      ['a query', 'gitpod.example.com?token=abc'],
      ['a query after an https origin', 'https://gitpod.example.com/?token=abc'],
      ['credentials', 'https://admin:hunter2@gitpod.example.com'],
      ['a user name', 'admin@gitpod.example.com'],
      ['an empty string', ''],
      ['a string that is no host', 'not a domain'],
      ['an over-long value', `${'a'.repeat(250)}.com`],
    ])('refuses %s', (_label, value) => {
      expect(cellDomainSchema.safeParse(value).success).toBe(false);
    });

    it('explains why plain http is refused', () => {
      const result = cellDomainSchema.safeParse('http://gitpod.example.com');
      expect(result.error?.issues[0]?.message).toMatch(/https/);
    });

    it('does not echo refused credentials in its message', () => {
      const result = cellDomainSchema.safeParse('https://admin:hunter2@gitpod.example.com');
      expect(JSON.stringify(result.error?.issues)).not.toContain('hunter2');
    });
  });

  describe('region and account', () => {
    it.each(['eu-central-1', 'us-east-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'us-isob-east-1'])(
      'accepts the region %s',
      (region) => {
        expect(cellSchema.safeParse(input({ region })).success).toBe(true);
      },
    );

    it.each([
      '',
      'eu-central',
      'EU-CENTRAL-1',
      'eu_central_1',
      'europe-central-1',
      'eu-central-1a',
      ' eu-central-1',
    ])('refuses the region "%s"', (region) => {
      const result = cellSchema.safeParse(input({ region }));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['region']);
    });

    it.each(['12345678901', '1234567890123', '12345678901a', '1234-5678-9012', ''])(
      'refuses the account id "%s"',
      (accountId) => {
        const result = cellSchema.safeParse(input({ accountId }));
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toMatch(/12-digit/);
      },
    );

    it('accepts a 12-digit account id with leading zeros, kept as a string', () => {
      expect(parseCell(input({ accountId: '000123456789' })).accountId).toBe('000123456789');
    });
  });

  describe('the cell', () => {
    it('accepts a full cell and trims its name', () => {
      const cell = parseCell(input({ name: '  Production  ', profile: 'gitpod-admin' }));
      expect(cell).toEqual({
        id: ID,
        name: 'Production',
        profile: 'gitpod-admin',
        region: 'eu-central-1',
        accountId: '123456789012',
        roleStack: 'gitpod-role',
        instanceStack: 'gitpod-instance',
      });
    });

    it('accepts a cell with only a role stack or only an instance stack', () => {
      expect(cellSchema.safeParse(input({ instanceStack: undefined })).success).toBe(true);
      expect(cellSchema.safeParse(input({ roleStack: undefined })).success).toBe(true);
    });

    it('needs at least one stack', () => {
      const result = cellSchema.safeParse(input({ roleStack: undefined, instanceStack: undefined }));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/role stack|instance stack/);
    });

    it.each(['', '1-starts-with-digit', 'has space', 'under_score', 'a'.repeat(129)])(
      'refuses the stack name "%s"',
      (roleStack) => {
        expect(cellSchema.safeParse(input({ roleStack })).success).toBe(false);
      },
    );

    it('refuses a blank name and an id that is not a UUID', () => {
      expect(cellSchema.safeParse(input({ name: '   ' })).success).toBe(false);
      expect(cellSchema.safeParse(input({ id: 'cell-1' })).success).toBe(false);
    });

    it('refuses unknown keys, so a secret cannot ride along', () => {
      const result = cellSchema.safeParse({ ...input(), aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG' });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    });
  });

  describe('cellStacks', () => {
    it('puts the role stack first, whatever order the cell was written in', () => {
      const cell = parseCell({
        instanceStack: 'gitpod-instance',
        roleStack: 'gitpod-role',
        id: ID,
        name: 'Production',
        region: 'eu-central-1',
        accountId: '123456789012',
      });
      expect(cellStacks(cell)).toEqual([
        { kind: 'role', name: 'gitpod-role' },
        { kind: 'instance', name: 'gitpod-instance' },
      ]);
    });

    it('lists only the stacks the cell has', () => {
      expect(cellStacks(parseCell(input({ roleStack: undefined })))).toEqual([
        { kind: 'instance', name: 'gitpod-instance' },
      ]);
      expect(cellStacks(parseCell(input({ instanceStack: undefined })))).toEqual([
        { kind: 'role', name: 'gitpod-role' },
      ]);
    });
  });

  it('names the Gitpod setup role', () => {
    expect(GITPOD_ROLE_NAME).toBe('GitpodSetupAndInitialEKSUserAdmin');
  });
});
