// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../../shared/errors';
import { failure } from '../test/fake-api';
import { useResult } from './useResult';

describe('useResult', () => {
  afterEach(cleanup);

  it('goes from loading to ready with the value', async () => {
    const { result } = renderHook(() => useResult(async () => ok(42), []));
    expect(result.current.status).toBe('loading');
    await act(async () => {});
    expect(result.current).toMatchObject({ status: 'ready', value: 42 });
  });

  it('reports an error result as the error state, and reload() runs the load again', async () => {
    const load = vi.fn<() => Promise<Result<number>>>().mockResolvedValueOnce(failure({ message: 'Nope' }));
    load.mockResolvedValueOnce(ok(7));
    const { result } = renderHook(() => useResult(load, []));
    await act(async () => {});
    expect(result.current).toMatchObject({ status: 'error', error: { message: 'Nope' } });

    await act(async () => result.current.reload());
    expect(result.current).toMatchObject({ status: 'ready', value: 7 });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('ignores a result that arrives after unmount', async () => {
    let resolve: (value: Result<number>) => void = () => {};
    const load = (): Promise<Result<number>> =>
      new Promise((r) => {
        resolve = r;
      });
    const consoleError = vi.spyOn(console, 'error');
    const { result, unmount } = renderHook(() => useResult(load, []));
    unmount();
    await act(async () => resolve(ok(1)));
    expect(result.current.status).toBe('loading');
    expect(consoleError).not.toHaveBeenCalled();
  });
});
