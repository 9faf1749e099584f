import { describe, expect, it, vi } from 'vitest';
import { type CellSummary, type StatusSnapshot, statusSnapshotSchema } from '../../../shared/status';
import { createMemoryLogger } from '../log/logger';
import { type CellStatusSource, StatusService } from './status-service';

const NOW = new Date('2025-03-01T12:00:00.000Z');

function source(name: string, cells: CellSummary[]): CellStatusSource & { check: ReturnType<typeof vi.fn> } {
  return { name, check: vi.fn(async () => cells) };
}

function failing(name: string, error: unknown): CellStatusSource {
  return {
    name,
    check: async () => {
      throw error;
    },
  };
}

function service(sources: CellStatusSource[]) {
  const logger = createMemoryLogger();
  const status = new StatusService({ sources, logger, now: () => NOW });
  const published: StatusSnapshot[] = [];
  status.subscribe((snapshot) => published.push(snapshot));
  return { status, logger, published };
}

describe('main/core/status/status-service', () => {
  it('starts ok, unchecked and idle', () => {
    const { status } = service([]);
    expect(status.snapshot()).toMatchObject({ state: 'ok', cells: [], checkedAt: null, checking: false });
    expect(statusSnapshotSchema.safeParse(status.snapshot()).success).toBe(true);
  });

  it('publishes checking: true, then the result', async () => {
    const prod: CellSummary = { name: 'prod', state: 'attention', line: 'update due in 5 days' };
    const { status, published } = service([source('stacks', [prod])]);
    const result = await status.refresh();
    expect(published.map((s) => s.checking)).toEqual([true, false]);
    expect(published[0]?.checkedAt).toBeNull();
    expect(result).toEqual({
      state: 'attention',
      tooltip: 'Dedicated Admin: Infrastructure update pending\nprod · update due in 5 days',
      cells: [prod],
      checkedAt: NOW.toISOString(),
      checking: false,
    });
    expect(published[1]).toEqual(result);
    expect(status.snapshot()).toEqual(result);
  });

  it('shows checking in the snapshot while a check runs', () => {
    const { status } = service([source('stacks', [])]);
    void status.refresh();
    expect(status.snapshot().checking).toBe(true);
  });

  it('folds the cells of every source into the worst state', async () => {
    const { status } = service([
      source('stacks', [{ name: 'prod', state: 'attention', line: 'pending' }]),
      source('live', [{ name: 'eu', state: 'urgent', line: 'due tomorrow' }]),
    ]);
    const result = await status.refresh();
    expect(result.state).toBe('urgent');
    expect(result.cells.map((c) => c.name)).toEqual(['prod', 'eu']);
  });

  it('shares one run between concurrent refreshes', async () => {
    const stacks = source('stacks', []);
    const { status, published } = service([stacks]);
    const first = status.refresh();
    const second = status.refresh();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(stacks.check).toHaveBeenCalledTimes(1);
    expect(published.map((s) => s.checking)).toEqual([true, false]);
  });

  it('starts a new run once the previous one finished', async () => {
    const stacks = source('stacks', []);
    const { status } = service([stacks]);
    await status.refresh();
    await status.refresh();
    expect(stacks.check).toHaveBeenCalledTimes(2);
  });

  it('turns a failing source into state error with a tooltip saying the check failed', async () => {
    const { status } = service([
      source('live', [{ name: 'prod', state: 'attention', line: 'pending' }]),
      failing('stacks', new Error('timeout')),
    ]);
    const result = await status.refresh();
    expect(result.state).toBe('error');
    expect(result.checking).toBe(false);
    expect(result.tooltip).toContain('Check failed: stacks (see the log)');
    expect(result.cells.map((c) => c.name)).toEqual(['prod']);
  });

  it('keeps urgent over a failed check', async () => {
    const { status } = service([
      source('live', [{ name: 'prod', state: 'urgent', line: 'due in 3 hours' }]),
      failing('stacks', new Error('timeout')),
    ]);
    expect((await status.refresh()).state).toBe('urgent');
  });

  it('logs a failing source as an error, redacted', async () => {
    const { status, logger } = service([failing('stacks', new Error('denied for gitpod_pat_SECRETVALUE'))]);
    await status.refresh();
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('stacks');
    expect(errors[0]?.message).toContain('denied for gitpod_pat_[REDACTED]');
  });

  it('treats a source that throws synchronously as failed instead of getting stuck checking', async () => {
    const broken: CellStatusSource = {
      name: 'broken',
      check: () => {
        throw new Error('not async');
      },
    };
    const { status } = service([broken]);
    const result = await status.refresh();
    expect(result.state).toBe('error');
    expect(result.tooltip).toContain('Check failed: broken');
    expect(status.snapshot().checking).toBe(false);
  });

  it('always publishes a snapshot that fits the IPC schema, even with long cell lines', async () => {
    const cells: CellSummary[] = ['a', 'b', 'c', 'd'].map((name) => ({
      name: name.repeat(100),
      state: 'error',
      line: 'x'.repeat(200),
    }));
    const { status } = service([source('stacks', cells), failing('live', new Error('down'))]);
    const result = await status.refresh();
    expect(statusSnapshotSchema.safeParse(result).success).toBe(true);
    expect(result.tooltip.length).toBeLessThanOrEqual(500);
    expect(result.tooltip.endsWith('\nCheck failed: live (see the log)')).toBe(true);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const status = new StatusService({ sources: [], logger: createMemoryLogger(), now: () => NOW });
    const listener = vi.fn();
    const unsubscribe = status.subscribe(listener);
    await status.refresh();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    await status.refresh();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('main/core/status/status-service recompose', () => {
  it('recomposes from what the sources know now, without checking them again', async () => {
    let known: CellSummary[] = [{ name: 'prod', state: 'ok', line: 'stacks stable' }];
    const check = vi.fn(async () => known);
    const { status, published } = service([{ name: 'cells', check, peek: () => known }]);
    await status.refresh();
    known = [...known, { name: 'staging', state: 'error', line: 'role stack gitpod-role: UPDATE_FAILED' }];
    status.recompose();
    expect(check).toHaveBeenCalledTimes(1);
    expect(published.at(-1)).toMatchObject({ state: 'error', checking: false });
    expect(published.at(-1)?.tooltip).toContain('staging · role stack gitpod-role: UPDATE_FAILED');
  });

  it('keeps the last answer of a source that cannot peek, and its failure', async () => {
    const prod: CellSummary = { name: 'prod', state: 'attention', line: 'update due in 5 days' };
    const { status, published } = service([source('updates', [prod]), failing('live', new Error('x'))]);
    await status.refresh();
    status.recompose();
    expect(published.at(-1)).toMatchObject({ state: 'error', cells: [prod] });
    expect(published.at(-1)?.tooltip).toContain('Check failed: live');
  });

  it('does nothing while a refresh runs: its result comes next', async () => {
    let finish: (cells: CellSummary[]) => void = () => undefined;
    const promise = new Promise<CellSummary[]>((resolve) => {
      finish = resolve;
    });
    const slow: CellStatusSource = { name: 'cells', check: () => promise, peek: () => [] };
    const { status, published } = service([slow]);
    const running = status.refresh();
    status.recompose();
    expect(published.map((s) => s.checking)).toEqual([true]);
    finish([]);
    await running;
  });
});
