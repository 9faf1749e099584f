import { describe, expect, it } from 'vitest';
import { NO_MAINTENANCE, planOf } from './maintenance-words';

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
});
