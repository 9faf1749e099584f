import { describe, expect, it } from 'vitest';
import type { AppStatusEvent } from './app-events';
import {
  INITIAL_REACHABILITY,
  maintenanceEvents,
  nextReachability,
  type Reachability,
} from './app-transitions';
import { problem } from './problems';

const DOWN = problem('unreachable', 'gitpod.example.com could not be reached (ECONNREFUSED).');
const OK = { problem: null, version: 'main-gha.1' };
const FAIL = { problem: DOWN, version: null };

/** Runs outcomes through the rules and collects the events, as the monitor does. */
function run(
  start: Reachability,
  outcomes: Array<typeof OK | typeof FAIL>,
): { state: Reachability; events: AppStatusEvent[] } {
  let state = start;
  const events: AppStatusEvent[] = [];
  outcomes.forEach((outcome, index) => {
    const step = nextReachability(state, outcome, `2026-01-01T00:0${index}:00.000Z`);
    state = step.state;
    if (step.event) events.push(step.event);
  });
  return { state, events };
}

describe('main/core/app-status/app-transitions', () => {
  it('does not call one failed check an outage', () => {
    const { state, events } = run(INITIAL_REACHABILITY, [OK, FAIL, OK]);
    expect(events).toEqual([]);
    expect(state).toMatchObject({ reachable: true, failedChecks: 0 });
  });

  it('announces an outage once, after the second failure in a row, and its end once', () => {
    const { state, events } = run(INITIAL_REACHABILITY, [OK, FAIL, FAIL, FAIL, FAIL, OK, OK]);
    expect(events).toEqual([
      { kind: 'unreachable', problem: DOWN, since: '2026-01-01T00:01:00.000Z' },
      { kind: 'reachable-again', downSince: '2026-01-01T00:01:00.000Z', version: 'main-gha.1' },
    ]);
    expect(state.reachable).toBe(true);
  });

  it('keeps the count and the start of a failure run while it lasts', () => {
    const { state } = run(INITIAL_REACHABILITY, [OK, FAIL, FAIL, FAIL]);
    expect(state).toEqual({
      reachable: false,
      failedChecks: 3,
      failingSince: '2026-01-01T00:01:00.000Z',
      announced: true,
    });
  });

  it('marks a cell never reached as unreachable without notices, then reachable without notices', () => {
    const down = run(INITIAL_REACHABILITY, [FAIL]);
    expect(down.state.reachable).toBeNull();
    const confirmed = run(INITIAL_REACHABILITY, [FAIL, FAIL]);
    expect(confirmed.state.reachable).toBe(false);
    expect(confirmed.events).toEqual([]);
    expect(run(confirmed.state, [OK]).events).toEqual([]);
  });

  it('honours another outage threshold (the CLI checks once)', () => {
    const step = nextReachability(INITIAL_REACHABILITY, FAIL, '2026-01-01T00:00:00.000Z', 1);
    expect(step.state.reachable).toBe(false);
  });

  it('says nothing about the first maintenance reading ever', () => {
    expect(maintenanceEvents(null, { on: true, notice: 'Update tonight' })).toEqual([]);
  });

  it('names each maintenance and notice change once', () => {
    const off = { on: false, notice: null };
    expect(maintenanceEvents(off, { on: true, notice: null })).toEqual([{ kind: 'maintenance-on' }]);
    expect(maintenanceEvents({ on: true, notice: null }, off)).toEqual([{ kind: 'maintenance-off' }]);
    expect(maintenanceEvents(off, { on: false, notice: 'Sat 10:00' })).toEqual([
      { kind: 'notice-set', notice: 'Sat 10:00' },
    ]);
    expect(maintenanceEvents({ on: false, notice: 'Sat 10:00' }, { on: false, notice: 'Sun 10:00' })).toEqual(
      [{ kind: 'notice-changed', notice: 'Sun 10:00' }],
    );
    expect(maintenanceEvents({ on: false, notice: 'Sun 10:00' }, off)).toEqual([{ kind: 'notice-cleared' }]);
    expect(maintenanceEvents(off, off)).toEqual([]);
    expect(maintenanceEvents(off, { on: true, notice: '' })).toEqual([
      { kind: 'maintenance-on' },
      { kind: 'notice-set', notice: '' },
    ]);
  });
});
