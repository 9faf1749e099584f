import { describe, expect, it } from 'vitest';
import { applyRunIdSchema } from '../../../../shared/apply/run';
import {
  AWS_NAME_MAX,
  AWS_NAME_PATTERN,
  changeSetDescriptionFor,
  changeSetNameFor,
  runIdFor,
  slugOf,
  tokenFor,
} from './naming';

const AT = new Date('2026-03-01T10:15:00.123Z');

describe('core/apply/run/naming', () => {
  it('names change sets recognisably: dedicated-admin-<update>-<stack>-<yyyymmddhhmmss>', () => {
    expect(changeSetNameFor('Infrastructure Update v37', 'role', AT)).toBe(
      'dedicated-admin-infrastructure-update-v37-role-20260301101500',
    );
  });

  it('keeps every name within CloudFormation’s pattern and length, whatever the label', () => {
    for (const label of ['Ünïcode — Update №38!', '   ', '9 lives', 'x'.repeat(400), '--v37--']) {
      const name = changeSetNameFor(label, 'instance', AT);
      expect(name).toMatch(AWS_NAME_PATTERN);
      expect(name.length).toBeLessThanOrEqual(AWS_NAME_MAX);
    }
    expect(slugOf('   ')).toBe('update');
    expect(slugOf('Ünïcode — Update №38!')).toBe('unicode-update-no38');
  });

  it('makes run ids that are sortable, file-name safe and valid tokens', () => {
    const id = runIdFor(AT, 'A1B2C3');
    expect(id).toBe('run-20260301T101500Z-a1b2c3');
    expect(applyRunIdSchema.parse(id)).toBe(id);
    const token = tokenFor(id, 'instance', 'execute', 1);
    expect(token).toBe('run-20260301T101500Z-a1b2c3-instance-execute-1');
    expect(token).toMatch(AWS_NAME_PATTERN);
  });

  it('describes the change set with the update and the run', () => {
    expect(changeSetDescriptionFor('Infrastructure Update v37', 'role', 'run-x')).toBe(
      'Dedicated Admin: Infrastructure Update v37 (role stack), run run-x',
    );
  });
});
