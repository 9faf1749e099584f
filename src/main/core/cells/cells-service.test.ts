import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cellCheck, stackReport } from '../../../../test/support/cell-checks';
import type { Cell, CellDraft } from '../../../shared/cells/cell';
import type { CellCheck } from '../../../shared/cells/cell-check';
import type { CellsState } from '../../../shared/cells/cells-state';
import { AppErrorException } from '../errors/app-error';
import { createMemoryLogger } from '../log/logger';
import { type CellCheckerPort, CellsService } from './cells-service';
import { FileSettingsBackend } from './settings-backend';
import { SettingsRepository } from './settings-repository';

const PRODUCTION: CellDraft = {
  name: 'prod',
  region: 'eu-central-1',
  accountId: '123456789012',
  roleStack: 'gitpod-role',
  instanceStack: 'gitpod-instance',
};

function checkOf(cell: Cell, status = 'UPDATE_COMPLETE'): CellCheck {
  return cellCheck(cell, {
    stacks: [stackReport('instance', status, { name: cell.instanceStack ?? 'gitpod-instance' })],
  });
}

/** A checker whose checks finish when the test says so. */
function scriptedChecker() {
  const pending: Array<{ cell: Cell; resolve: (check: CellCheck) => void }> = [];
  const checker = {
    check: vi.fn(
      (cell: Cell) =>
        new Promise<CellCheck>((resolve) => {
          pending.push({ cell, resolve });
        }),
    ),
    discover: vi.fn(),
    recentEvents: vi.fn(),
    forget: vi.fn(),
    dispose: vi.fn(),
  } satisfies CellCheckerPort;
  const finishAll = (status?: string): void => {
    for (const { cell, resolve } of pending.splice(0)) resolve(checkOf(cell, status));
  };
  return { checker, pending, finishAll };
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-cells-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function service(checker: CellCheckerPort): Promise<CellsService> {
  const repository = await SettingsRepository.open(
    new FileSettingsBackend(join(dir, 'settings.json')),
    createMemoryLogger(),
  );
  return new CellsService(repository, checker);
}

describe('main/core/cells/cells-service', () => {
  it('lists a new cell as unchecked, then with its check once the check finishes', async () => {
    const { checker, finishAll } = scriptedChecker();
    const cells = await service(checker);
    const { cell } = await cells.add(PRODUCTION);
    expect(cells.state().cells).toEqual([{ cell, check: null, checking: false }]);

    const done = cells.checkOne(cell.id);
    expect(cells.state().cells[0]?.checking).toBe(true);
    finishAll();
    const state = await done;
    expect(state.cells[0]?.checking).toBe(false);
    expect(state.cells[0]?.check?.stacks[0]?.status).toBe('UPDATE_COMPLETE');
  });

  it('shares a running check of a cell instead of asking AWS twice', async () => {
    const { checker, finishAll } = scriptedChecker();
    const cells = await service(checker);
    const { cell } = await cells.add(PRODUCTION);
    const first = cells.checkOne(cell.id);
    const second = cells.checkAll();
    finishAll();
    await Promise.all([first, second]);
    expect(checker.check).toHaveBeenCalledTimes(1);
  });

  it('does not keep a check that started before the cell was edited', async () => {
    const { checker, finishAll } = scriptedChecker();
    const cells = await service(checker);
    const { cell } = await cells.add(PRODUCTION);
    const stale = cells.checkOne(cell.id);
    await cells.update({ ...cell, instanceStack: 'other-instance' });
    finishAll();
    await stale;
    expect(cells.state().cells[0]?.check).toBeNull();
    expect(checker.forget).toHaveBeenCalledWith(cell.id);
  });

  it('after the app changed a stack, checks the cell with its cached templates forgotten first', async () => {
    const { checker, finishAll } = scriptedChecker();
    const cells = await service(checker);
    const { cell } = await cells.add(PRODUCTION);
    const done = cells.recheckAfterChange(cell.id);
    expect(checker.forget).toHaveBeenCalledWith(cell.id);
    expect(checker.check).toHaveBeenCalledTimes(1);
    expect(checker.forget.mock.invocationCallOrder[0]).toBeLessThan(
      checker.check.mock.invocationCallOrder[0] ?? 0,
    );
    finishAll();
    expect((await done).cells[0]?.check).not.toBeNull();
  });

  it('publishes every change to subscribers, including the checking flag', async () => {
    const { checker, finishAll } = scriptedChecker();
    const cells = await service(checker);
    const seen: CellsState[] = [];
    cells.subscribe((state) => seen.push(state));
    const { cell } = await cells.add(PRODUCTION);
    const done = cells.checkOne(cell.id);
    finishAll();
    await done;
    await cells.remove(cell.id);
    expect(seen.map((state) => state.cells.map((view) => view.checking))).toEqual([
      [false],
      [true],
      [false],
      [],
    ]);
  });

  it('refuses to check, remove or read events of a cell that does not exist', async () => {
    const { checker } = scriptedChecker();
    const cells = await service(checker);
    const missing = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
    for (const attempt of [
      () => cells.checkOne(missing),
      () => cells.remove(missing),
      () => cells.recentEvents(missing, 'role'),
    ]) {
      await expect(attempt()).rejects.toSatisfy(
        (error) => error instanceof AppErrorException && error.appError.code === 'cell-not-found',
      );
    }
    expect(checker.check).not.toHaveBeenCalled();
    expect(checker.recentEvents).not.toHaveBeenCalled();
  });

  it('feeds the tray: the status source checks every cell, peek answers without checking', async () => {
    const { checker, finishAll } = scriptedChecker();
    const cells = await service(checker);
    await cells.add(PRODUCTION);
    await cells.add({ ...PRODUCTION, name: 'staging', accountId: '210987654321' });
    const source = cells.statusSource();
    expect(source.peek?.()).toEqual([
      { name: 'prod', state: 'ok', line: 'not checked yet' },
      { name: 'staging', state: 'ok', line: 'not checked yet' },
    ]);

    const summaries = source.check();
    finishAll('UPDATE_ROLLBACK_FAILED');
    expect(await summaries).toEqual([
      { name: 'prod', state: 'error', line: 'instance stack gitpod-instance: UPDATE_ROLLBACK_FAILED' },
      { name: 'staging', state: 'error', line: 'instance stack gitpod-instance: UPDATE_ROLLBACK_FAILED' },
    ]);
    expect(checker.check).toHaveBeenCalledTimes(2);
  });

  it('hands discovery to the checker with the profile and region', async () => {
    const { checker } = scriptedChecker();
    const cells = await service(checker);
    checker.discover.mockResolvedValue({
      candidates: [],
      suggested: {},
      stacksExamined: 0,
      account: '123456789012',
      callerArn: 'arn:aws:iam::123456789012:user/admin',
      region: 'eu-west-1',
    });
    await expect(cells.discover({ profile: 'prod', region: 'eu-west-1' })).resolves.toMatchObject({
      account: '123456789012',
    });
    expect(checker.discover).toHaveBeenCalledWith({ profile: 'prod', region: 'eu-west-1' });
  });
});
