import { describe, expect, it } from 'vitest';
import type { MonitorState } from '../journal/run-record';
import {
  applyEvents,
  emptyMonitorState,
  type OperationEvent,
  resourcesBlockingRollback,
  resourcesDone,
  rootCauseOf,
} from './timeline';

const STACK = 'gitpod-instance';
let counter = 0;

function ev(second: number, logicalId: string, status: string, reason?: string): OperationEvent {
  counter += 1;
  return {
    id: `e${counter}`,
    timestamp: new Date(Date.UTC(2026, 2, 2, 9, 0, second)).toISOString(),
    logicalId,
    resourceType: logicalId === STACK ? 'AWS::CloudFormation::Stack' : 'AWS::EC2::SecurityGroup',
    status,
    ...(reason ? { reason } : {}),
  };
}

function execution(): MonitorState {
  return emptyMonitorState('execution', '2026-03-02T09:00:00.000Z', 'baseline');
}

describe('core/apply/monitor/timeline', () => {
  it('builds a timeline of resources with start and end, and counts the finished ones', () => {
    const state = applyEvents(
      execution(),
      [
        ev(1, STACK, 'UPDATE_IN_PROGRESS'),
        ev(2, 'Sg', 'UPDATE_IN_PROGRESS'),
        ev(5, 'Sg', 'UPDATE_COMPLETE'),
        ev(6, 'Role', 'UPDATE_IN_PROGRESS'),
      ],
      STACK,
    );
    expect(state.timeline).toEqual([
      {
        logicalId: 'Sg',
        resourceType: 'AWS::EC2::SecurityGroup',
        startedAt: '2026-03-02T09:00:02.000Z',
        endedAt: '2026-03-02T09:00:05.000Z',
        status: 'UPDATE_COMPLETE',
      },
      {
        logicalId: 'Role',
        resourceType: 'AWS::EC2::SecurityGroup',
        startedAt: '2026-03-02T09:00:06.000Z',
        status: 'UPDATE_IN_PROGRESS',
      },
    ]);
    expect(resourcesDone(state.timeline)).toBe(1);
    expect(state.begun).toBe(true);
    expect(state.stackStatus).toBe('UPDATE_IN_PROGRESS');
    expect(state.lastEventId).toBe(`e${counter}`);
  });

  it('takes the first failures as the root cause, not the cancellations nor the rollback', () => {
    const state = applyEvents(
      execution(),
      [
        ev(1, STACK, 'UPDATE_IN_PROGRESS'),
        ev(2, 'Cluster', 'UPDATE_IN_PROGRESS'),
        ev(3, 'Nodes', 'UPDATE_IN_PROGRESS'),
        ev(4, 'Cluster', 'UPDATE_FAILED', 'Resource handler returned message: "Subnet is full"'),
        ev(4, 'Nodes', 'UPDATE_FAILED', 'Resource update cancelled'),
        ev(
          5,
          STACK,
          'UPDATE_ROLLBACK_IN_PROGRESS',
          'The following resource(s) failed to update: [Cluster, Nodes].',
        ),
        ev(6, 'Bucket', 'UPDATE_IN_PROGRESS'),
        ev(7, 'Bucket', 'UPDATE_FAILED', 'Bucket policy cannot be restored'),
        ev(8, STACK, 'UPDATE_ROLLBACK_FAILED'),
      ],
      STACK,
    );
    expect(rootCauseOf(state)).toEqual([
      {
        logicalId: 'Cluster',
        resourceType: 'AWS::EC2::SecurityGroup',
        status: 'UPDATE_FAILED',
        reason: 'Resource handler returned message: "Subnet is full"',
        timestamp: '2026-03-02T09:00:04.000Z',
      },
    ]);
    // Only what the rollback failed on may be skipped.
    expect(resourcesBlockingRollback(state)).toEqual([
      {
        logicalId: 'Bucket',
        resourceType: 'AWS::EC2::SecurityGroup',
        reason: 'Bucket policy cannot be restored',
      },
    ]);
    expect(state.rollbackStartedAt).toBe('2026-03-02T09:00:05.000Z');
  });

  it('falls back to the first failure when every failure was a cancellation', () => {
    const state = applyEvents(
      execution(),
      [ev(1, 'Nested', 'UPDATE_FAILED', 'Resource update cancelled')],
      STACK,
    );
    expect(rootCauseOf(state).map((cause) => cause.logicalId)).toEqual(['Nested']);
  });

  it('in a recovery, every failure is the rollback’s and may be skipped', () => {
    const state = applyEvents(
      emptyMonitorState('recovery', '2026-03-02T09:00:00.000Z'),
      [
        ev(1, STACK, 'UPDATE_ROLLBACK_IN_PROGRESS'),
        ev(2, 'Topic', 'UPDATE_FAILED', 'still in use'),
        ev(3, STACK, 'UPDATE_ROLLBACK_FAILED'),
      ],
      STACK,
    );
    expect(resourcesBlockingRollback(state).map((r) => r.logicalId)).toEqual(['Topic']);
  });

  it('keeps the last 50 events for the live list', () => {
    const many = Array.from({ length: 80 }, (_, i) => ev(i % 60, `R${i}`, 'UPDATE_COMPLETE'));
    const state = applyEvents(execution(), many, STACK);
    expect(state.recentEvents).toHaveLength(50);
    expect(state.recentEvents.at(-1)?.logicalId).toBe('R79');
    expect(state.recentEvents[0]).not.toHaveProperty('clientRequestToken');
  });
});
