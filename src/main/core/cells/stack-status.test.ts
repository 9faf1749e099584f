import { StackStatus } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import type { StatusCategory } from '../../../shared/cells/stack-report';
import { explainStackStatus } from './stack-status';

const ALL_STATUSES: string[] = Object.values(StackStatus);
const IN_PROGRESS = ALL_STATUSES.filter((status) => status.endsWith('_IN_PROGRESS'));

describe('main/core/cells/stack-status', () => {
  it('knows the CloudFormation API has statuses to explain', () => {
    expect(ALL_STATUSES.length).toBeGreaterThanOrEqual(23);
    expect(IN_PROGRESS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ALL_STATUSES)('explains %s in words, as a status it knows', (status) => {
    const explanation = explainStackStatus(status);
    expect(explanation.words.trim().length).toBeGreaterThan(10);
    expect(explanation.words).toMatch(/^[A-Z].*\.$/);
    expect(explanation.category).not.toBe('unknown');
    expect(typeof explanation.blocksUpdate).toBe('boolean');
    if (explanation.nextStep !== undefined) expect(explanation.nextStep.trim()).not.toBe('');
  });

  it.each(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE'])(
    'treats %s as stable, not blocking',
    (status) => {
      expect(explainStackStatus(status)).toEqual({
        category: 'stable',
        words: 'The stack is stable.',
        blocksUpdate: false,
      });
    },
  );

  it.each(IN_PROGRESS)('treats %s as in progress, blocking updates until it finishes', (status) => {
    const explanation = explainStackStatus(status);
    expect(explanation.category).toBe('in-progress');
    expect(explanation.blocksUpdate).toBe(true);
    expect(explanation.nextStep).toMatch(/Wait/);
  });

  it('says what to do next for every status that blocks an update', () => {
    for (const status of ALL_STATUSES) {
      const explanation = explainStackStatus(status);
      if (explanation.blocksUpdate) expect(explanation.nextStep, status).toBeDefined();
    }
  });

  it('sends UPDATE_ROLLBACK_FAILED to ContinueUpdateRollback', () => {
    const explanation = explainStackStatus('UPDATE_ROLLBACK_FAILED');
    expect(explanation.category).toBe('needs-continue-rollback');
    expect(explanation.blocksUpdate).toBe(true);
    expect(explanation.nextStep).toMatch(/ContinueUpdateRollback/);
  });

  it('treats UPDATE_ROLLBACK_COMPLETE as rolled back: the old version runs, and an update may be tried again', () => {
    const explanation = explainStackStatus('UPDATE_ROLLBACK_COMPLETE');
    expect(explanation.category).toBe('rolled-back');
    expect(explanation.blocksUpdate).toBe(false);
    expect(explanation.nextStep).toMatch(/stack events/);
  });

  it('treats IMPORT_ROLLBACK_COMPLETE like a rolled-back update', () => {
    expect(explainStackStatus('IMPORT_ROLLBACK_COMPLETE')).toMatchObject({
      category: 'rolled-back',
      blocksUpdate: false,
    });
  });

  it('blocks on ROLLBACK_COMPLETE: a failed creation can only be deleted', () => {
    const explanation = explainStackStatus('ROLLBACK_COMPLETE');
    expect(explanation.category).toBe('failed');
    expect(explanation.blocksUpdate).toBe(true);
    expect(explanation.nextStep).toMatch(/Delete the stack/);
  });

  it.each(['CREATE_FAILED', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'UPDATE_FAILED', 'IMPORT_ROLLBACK_FAILED'])(
    'treats %s as failed and blocking, naming the status',
    (status) => {
      const explanation = explainStackStatus(status);
      expect(explanation).toMatchObject({ category: 'failed', blocksUpdate: true });
      expect(explanation.words).toContain(status);
    },
  );

  it('treats DELETE_COMPLETE as deleted and blocking', () => {
    expect(explainStackStatus('DELETE_COMPLETE')).toMatchObject({ category: 'deleted', blocksUpdate: true });
  });

  it('lets an update start only from a complete, stable or rolled-back status', () => {
    const nonBlocking = ALL_STATUSES.filter((status) => !explainStackStatus(status).blocksUpdate).sort();
    expect(nonBlocking).toEqual([
      'CREATE_COMPLETE',
      'IMPORT_COMPLETE',
      'IMPORT_ROLLBACK_COMPLETE',
      'UPDATE_COMPLETE',
      'UPDATE_ROLLBACK_COMPLETE',
    ]);
    const categories = new Set<StatusCategory>(
      ALL_STATUSES.map((status) => explainStackStatus(status).category),
    );
    expect([...categories].sort()).toEqual([
      'deleted',
      'failed',
      'in-progress',
      'needs-continue-rollback',
      'rolled-back',
      'stable',
    ]);
  });

  it.each([
    'UPDATE_SOMETHING_NEW',
    'SOMETHING_NEW_IN_PROGRESS',
    '',
    'create_complete',
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
  ])('handles the unknown status "%s" as unknown and blocking', (status) => {
    const explanation = explainStackStatus(status);
    expect(explanation.category).toBe('unknown');
    expect(explanation.blocksUpdate).toBe(true);
    expect(explanation.words).toBe(`The stack reports a status this version does not know (${status}).`);
    expect(explanation.nextStep).toMatch(/AWS console/);
  });
});
