import { describe, expect, it } from 'vitest';
import { runFinished, runMonitoring, runRolledBack, withCurrentStack } from '../test/apply-fixtures';
import { endStateAnnouncement } from './announcement';
import { formatDuration, plural, stackPhrase, stackTitle } from './apply-labels';

describe('apply/apply-labels', () => {
  it('formats durations as a stopwatch reads them', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(-5)).toBe('0 s');
  });

  it('counts with separators, in the singular for one', () => {
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(2000, 'change')).toBe('2,000 changes');
  });

  it('names a stack as a title and inside a sentence, never changing the stack’s own name', () => {
    const stack = { kind: 'role' as const, stackName: 'Gitpod-Role' };
    expect(stackTitle(stack)).toBe('Role stack Gitpod-Role');
    expect(stackPhrase(stack)).toBe('the role stack Gitpod-Role');
  });
});

describe('apply/announcement', () => {
  it('says nothing while a stack works, its end state once it has one, and the run’s outcome at the end', () => {
    expect(endStateAnnouncement(runMonitoring())).toBe('');
    expect(endStateAnnouncement(withCurrentStack(runMonitoring(), { phase: 'updated' }))).toBe(
      'Role stack gitpod-role: Updated.',
    );
    expect(endStateAnnouncement(runRolledBack())).toMatch(/^The run has finished: Rolled back\. /);
    expect(endStateAnnouncement(runFinished())).toBe(
      'The run has finished: Updated. Both stacks are updated.',
    );
  });

  it('once the next stack has begun, names the one that ended and the one now under way', () => {
    const finished = runFinished();
    const second = {
      ...finished,
      status: 'active' as const,
      outcome: undefined,
      stacks: [finished.stacks[0], { ...finished.stacks[1], phase: 'preflight' as const }],
    } as typeof finished;
    expect(endStateAnnouncement(second)).toBe(
      'Role stack gitpod-role: Updated. Next: the instance stack gitpod-instance.',
    );
  });
});
