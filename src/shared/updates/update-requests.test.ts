import { describe, expect, it } from 'vitest';
import { importMetaSchema } from './update-requests';

describe('shared/updates/update-requests', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31'])('accepts the stated date %s', (date) => {
    expect(
      importMetaSchema.safeParse({ label: 'v37', releasedAt: date, deadlineOverride: date }).success,
    ).toBe(true);
  });

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-3-1'])(
    'refuses %s, a date that does not exist or is not YYYY-MM-DD',
    (date) => {
      expect(importMetaSchema.safeParse({ label: 'v37', releasedAt: date }).success).toBe(false);
      expect(importMetaSchema.safeParse({ label: 'v37', deadlineOverride: date }).success).toBe(false);
    },
  );

  it('still accepts a full ISO instant', () => {
    expect(importMetaSchema.safeParse({ label: 'v37', releasedAt: '2026-03-01T10:00:00.000Z' }).success).toBe(
      true,
    );
  });
});
