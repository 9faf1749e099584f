import { describe, expect, it } from 'vitest';
import { type CellSummary, TRAY_STATES, type TrayState } from '../../../shared/status';
import { compareBySeverity, composeTooltip, headlineFor, STATE_HEADLINES, worstState } from './tray-state';

const RANKING: TrayState[] = ['urgent', 'error', 'attention', 'offline', 'ok'];

function cell(name: string, state: TrayState, line = `${state} line`): CellSummary {
  return { name, state, line };
}

describe('main/core/status/tray-state', () => {
  it('is ok with no states at all', () => {
    expect(worstState([])).toBe('ok');
  });

  it('ranks urgent > error > attention > offline > ok', () => {
    for (let i = 0; i < RANKING.length; i += 1) {
      const state = RANKING[i] as TrayState;
      const lower = RANKING.slice(i + 1);
      expect(worstState([...lower, state, ...lower])).toBe(state);
    }
    expect([...TRAY_STATES].sort(compareBySeverity)).toEqual(RANKING);
  });

  it.each(RANKING.map((state) => [state] as const))('returns %s for a single state', (state) => {
    expect(worstState([state])).toBe(state);
  });

  it('keeps a known deadline visible while offline', () => {
    expect(worstState(['offline', 'urgent'])).toBe('urgent');
    expect(worstState(['attention', 'offline'])).toBe('attention');
  });

  it('accepts any iterable', () => {
    expect(worstState(new Set<TrayState>(['ok', 'error']))).toBe('error');
  });

  it('has a headline for every state', () => {
    for (const state of TRAY_STATES) expect(STATE_HEADLINES[state].length).toBeGreaterThan(0);
  });

  it('invites setting up a cell when there are none', () => {
    expect(composeTooltip('ok', [])).toBe(
      'Dedicated Admin\nNo cell set up yet: open the dashboard to add one',
    );
  });

  it('gives the headline alone for a non-ok state with no cells', () => {
    expect(composeTooltip('error', [])).toBe(`Dedicated Admin: ${STATE_HEADLINES.error}`);
  });

  it('gives the headline alone when every cell is ok', () => {
    expect(composeTooltip('ok', [cell('prod', 'ok'), cell('staging', 'ok')])).toBe(
      `Dedicated Admin: ${STATE_HEADLINES.ok}`,
    );
  });

  it('lists the cells that need attention, worst first, and leaves ok cells out', () => {
    const tooltip = composeTooltip('urgent', [
      cell('dev', 'offline', 'AWS unreachable'),
      cell('staging', 'ok'),
      cell('prod', 'urgent', 'update due in 20 hours'),
      cell('eu', 'attention', 'update due in 5 days'),
    ]);
    expect(tooltip.split('\n')).toEqual([
      `Dedicated Admin: ${STATE_HEADLINES.urgent}`,
      'prod · update due in 20 hours',
      'eu · update due in 5 days',
      'dev · AWS unreachable',
    ]);
  });

  it('does not speak of an update when the only attention comes from live status (maintenance, outage)', () => {
    const maintenance = { ...cell('prod', 'attention', 'maintenance on'), live: true as const };
    expect(headlineFor('attention', [maintenance])).toBe('A cell needs attention');
    expect(composeTooltip('attention', [maintenance]).split('\n')[0]).toBe(
      'Dedicated Admin: A cell needs attention',
    );
    const update = cell('eu', 'attention', 'infrastructure update due in 5 days');
    expect(headlineFor('attention', [maintenance, update])).toBe(STATE_HEADLINES.attention);
    expect(headlineFor('urgent', [maintenance])).toBe(STATE_HEADLINES.urgent);
  });

  it('lists at most three cells and counts the rest', () => {
    const cells = [
      cell('a', 'attention'),
      cell('b', 'offline'),
      cell('c', 'urgent'),
      cell('d', 'error'),
      cell('e', 'attention'),
      cell('f', 'ok'),
    ];
    const lines = composeTooltip('urgent', cells).split('\n');
    expect(lines).toEqual([
      `Dedicated Admin: ${STATE_HEADLINES.urgent}`,
      'c · urgent line',
      'd · error line',
      'a · attention line',
      'and 2 more',
    ]);
  });

  it('adds no "more" line with exactly three noteworthy cells', () => {
    const lines = composeTooltip('error', [cell('a', 'error'), cell('b', 'error'), cell('c', 'error')]).split(
      '\n',
    );
    expect(lines).toHaveLength(4);
    expect(lines.some((line) => line.startsWith('and '))).toBe(false);
  });

  it('does not reorder the caller’s cells', () => {
    const cells = [cell('a', 'attention'), cell('b', 'urgent')];
    composeTooltip('urgent', cells);
    expect(cells.map((c) => c.name)).toEqual(['a', 'b']);
  });
});
