import { describe, expect, it } from 'vitest';
import { maintenanceLines, maintenanceStuckOn, NO_MAINTENANCE, planOf } from './maintenance-words';

describe('renderer/apply/maintenance-words', () => {
  it('sends no plan when nothing is ticked', () => {
    expect(planOf(NO_MAINTENANCE)).toEqual({ plan: undefined });
  });

  it('sends the trimmed notice and the mode as ticked', () => {
    expect(planOf({ notice: true, text: '  Update at 14:00 ', mode: false })).toEqual({
      plan: { notice: 'Update at 14:00', mode: false },
    });
    expect(planOf({ notice: false, text: 'ignored', mode: true })).toEqual({
      plan: { notice: null, mode: true },
    });
  });

  it('refuses a ticked notice without text', () => {
    expect(planOf({ notice: true, text: '   ', mode: true })).toEqual({
      error: 'Write the notice your users will see, or untick it.',
    });
  });

  it('describes each switch the run uses, and only those', () => {
    expect(maintenanceLines({ notice: { state: 'left-on', text: 'x' }, mode: { state: 'on' } })).toEqual([
      'Maintenance notice: on before the run, so the run leaves it as it is',
      'Maintenance mode: on',
    ]);
    expect(maintenanceLines({ notice: null, mode: { state: 'off' } })).toEqual([
      'Maintenance mode: switched off again',
    ]);
  });

  it('tells a switch left on from one switched off', () => {
    expect(maintenanceStuckOn({ notice: null, mode: { state: 'stuck-on' } })).toBe(true);
    expect(maintenanceStuckOn({ notice: { state: 'off', text: 'x' }, mode: null })).toBe(false);
    expect(maintenanceStuckOn(undefined)).toBe(false);
  });
});
