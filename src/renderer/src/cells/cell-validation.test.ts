import { describe, expect, it } from 'vitest';
import { cellView, sampleCell } from '../test/cell-fixtures';
import { draftErrors, nameClash, sameStackError } from './cell-validation';

const DRAFT = {
  name: 'production',
  region: 'eu-central-1',
  accountId: '123456789012',
  roleStack: 'gitpod-role',
};

describe('cells/cell-validation', () => {
  it('finds nothing wrong with a valid draft', () => {
    expect(draftErrors(DRAFT)).toEqual({});
  });

  it('words the schema’s issues as instructions, per field', () => {
    expect(
      draftErrors({
        ...DRAFT,
        name: '  ',
        accountId: '12',
        roleStack: '1x',
        domain: 'http://gitpod.example.com',
      }),
    ).toEqual({
      name: 'This field is required.',
      accountId: 'Enter a 12-digit AWS account id.',
      roleStack: 'Enter a CloudFormation stack name (letters, digits and hyphens).',
      domain: 'The cell is reached over https only.',
    });
  });

  it('reports a draft without stacks under "stacks"', () => {
    expect(draftErrors({ name: 'x', region: 'eu-central-1', accountId: '123456789012' })).toEqual({
      stacks: 'A cell needs its role stack, its instance stack, or both.',
    });
  });

  it('finds a name clash case-insensitively, but not with the cell itself', () => {
    const cells = [cellView()];
    expect(nameClash('PRODUCTION', cells)).toMatch(/already exists/);
    expect(nameClash('production', cells, sampleCell().id)).toBeUndefined();
    expect(nameClash('staging', cells)).toBeUndefined();
  });

  it('refuses the same stack as role and instance stack', () => {
    expect(sameStackError('gitpod', 'gitpod')).toMatch(/different stacks/);
    expect(sameStackError('gitpod-role', undefined)).toBeUndefined();
  });
});
