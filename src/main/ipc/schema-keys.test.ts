import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { declaredKeys, safeIssuePath } from './schema-keys';

describe('main/ipc/schema-keys', () => {
  it('finds the keys declared at every depth: objects, lists, unions, nullables, records, transforms', () => {
    const schema = z
      .object({
        id: z.string().uuid(),
        meta: z.object({ label: z.string(), at: z.string().optional() }).strict(),
        sources: z.array(
          z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('file'), name: z.string() }),
            z.object({ kind: z.literal('address'), address: z.string() }),
          ]),
        ),
        quiet: z.object({ start: z.string() }).nullable(),
        values: z.record(z.string(), z.object({ inner: z.number() })),
        domain: z.string().transform((value) => value.toLowerCase()),
      })
      .strict()
      .refine(() => true);
    expect([...declaredKeys(schema)].sort()).toEqual(
      [
        'address',
        'at',
        'domain',
        'id',
        'inner',
        'kind',
        'label',
        'meta',
        'name',
        'quiet',
        'sources',
        'start',
        'values',
      ].sort(),
    );
  });

  it('declares no key for a schema without objects', () => {
    expect(declaredKeys(z.undefined()).size).toBe(0);
    expect(declaredKeys(z.string()).size).toBe(0);
  });

  it('keeps declared keys and list indexes in a path, and shows any other key as *', () => {
    const keys = new Set(['parameterValues', 'sources', 'name']);
    expect(safeIssuePath(['sources', 0, 'name'], keys)).toBe('sources.0.name');
    expect(safeIssuePath(['parameterValues', 'AKIAEXAMPLESECRET'], keys)).toBe('parameterValues.*');
    expect(safeIssuePath([Symbol('x')], keys)).toBe('*');
  });
});
