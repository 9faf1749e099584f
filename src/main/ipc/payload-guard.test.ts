import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_VALUES, payloadProblem } from './payload-guard';

describe('main/ipc/payload-guard', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'x'],
    ['a number', 1.5],
    ['a boolean', false],
    [
      'a request with nested objects, lists and an absent optional field',
      { a: [{ b: 'c' }, 1], d: undefined },
    ],
    ['an object without a prototype', Object.create(null) as object],
  ])('takes %s as plain data', (_kind, payload) => {
    expect(payloadProblem(payload)).toBeNull();
  });

  it('takes an object met twice, and a cycle, without looping', () => {
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(payloadProblem(cyclic)).toBeNull();
  });

  it.each([
    ['a Date', new Date(0), 'an object that is not plain data'],
    ['a Map', new Map(), 'an object that is not plain data'],
    ['a RegExp', /x/, 'an object that is not plain data'],
    ['an Error', new Error('x'), 'an object that is not plain data'],
    ['bytes', new Uint8Array(2), 'an object that is not plain data'],
    ['a boxed string', new String('x'), 'an object that is not plain data'],
    ['a bigint', 1n, 'a bigint'],
    ['a symbol', Symbol('x'), 'a symbol'],
    ['a function', () => 1, 'a function'],
    ['a Date deep inside', { a: [{ b: new Date(0) }] }, 'an object that is not plain data'],
    ['an own __proto__ key', JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown, 'a __proto__ key'],
  ])('refuses %s', (_kind, payload, problem) => {
    expect(payloadProblem(payload)).toBe(problem);
  });

  it('refuses a list subclass', () => {
    class Items extends Array<number> {}
    expect(payloadProblem(Items.from([1]))).toBe('a list that is not plain data');
  });

  it('refuses more values than any request holds: a long list, a wide object, deep nesting', () => {
    const tooMany = MAX_PAYLOAD_VALUES + 1;
    expect(payloadProblem(Array.from({ length: tooMany }, () => 'x'))).toBe(
      'more values than any request holds',
    );
    const wide: Record<string, number> = {};
    for (let i = 0; i < tooMany; i++) wide[`k${i}`] = i;
    expect(payloadProblem(wide)).toBe('more values than any request holds');
    let deep: unknown = 'leaf';
    for (let i = 0; i < tooMany; i++) deep = { a: deep };
    expect(payloadProblem(deep)).toBe('more values than any request holds');
    expect(payloadProblem(Array.from({ length: 500 }, () => 'resource'))).toBeNull();
  });

  it('names the problem in fixed words, never a key or a value of the payload', () => {
    const payload = JSON.parse('{"gitpod_pat_SECRET":{"__proto__":"gitpod_pat_SECRET"}}') as unknown;
    expect(payloadProblem(payload)).not.toContain('SECRET');
  });
});
