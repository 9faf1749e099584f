import { describe, expect, it } from 'vitest';
import { maintenanceLines, maintenancePlanSchema, maintenanceStuckOn } from './maintenance';

describe('shared/apply/maintenance', () => {
  it('accepts a plan for the notice, the mode or both, and refuses one asking for nothing', () => {
    expect(maintenancePlanSchema.safeParse({ notice: ' Update ', mode: false }).data).toEqual({
      notice: 'Update',
      mode: false,
    });
    expect(maintenancePlanSchema.safeParse({ notice: null, mode: true }).success).toBe(true);
    expect(maintenancePlanSchema.safeParse({ notice: null, mode: false }).success).toBe(false);
    expect(maintenancePlanSchema.safeParse({ notice: '   ', mode: true }).success).toBe(false);
    expect(maintenancePlanSchema.safeParse({ notice: 'x'.repeat(1001), mode: true }).success).toBe(false);
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
