import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates/index';
import {
  CELL,
  changeSet,
  changeSetArn,
  check,
  INSTANCE_STACK,
  stack,
} from '../../../../test/support/update-fixtures';
import type { CellCheck } from '../../../shared/cells/cell-check';
import { AppErrorException } from '../errors/app-error';
import { createMemoryLogger } from '../log/logger';
import type { AppNotification } from '../notify/notifier';
import { templateFingerprint } from '../templates/canonical';
import { parseTemplate } from '../templates/parse-template';
import type { ImportFile } from './import-update';
import { MemoryLedger } from './notification-ledger';
import { changeSetUpdateId } from './update-ids';
import { UpdateStore } from './update-store';
import { UpdatesService } from './updates-service';
import { DAY_MS, HOUR_MS } from './zoned-time';

const RELEASED = '2026-03-01T06:00:00.000Z';
const DEADLINE = Date.parse(RELEASED) + 14 * DAY_MS;
const V37 = changeSetUpdateId(changeSetArn('v37'));
const ROLE_FINGERPRINT = templateFingerprint(parseTemplate(loadFixture('role.json')));

let dir: string;
let now: Date;
let current: CellCheck | null;
let ledger: MemoryLedger;
let store: UpdateStore;
let service: UpdatesService;

async function makeService(): Promise<UpdatesService> {
  store = await UpdateStore.open(join(dir, 'updates.json'), { logger: createMemoryLogger(), now: () => now });
  return new UpdatesService({
    store,
    ledger,
    cells: () => [{ cell: CELL, check: current }],
    logger: createMemoryLogger(),
    now: () => now,
    timeZone: () => 'UTC',
  });
}

function v37Check(overrides: Parameters<typeof changeSet>[2] = {}): CellCheck {
  return check({
    changeSets: [changeSet('v37', RELEASED, { description: 'Infrastructure Update v37', ...overrides })],
    deployed: { role: ROLE_FINGERPRINT, instance: 'e'.repeat(64) },
  });
}

function roleFile(name: 'role.json' | 'role.yaml' = 'role.json', text = loadFixture(name)): ImportFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** The role template with one more tag: a different template. */
function changedRole(): string {
  return loadFixture('role.yaml').replace(
    /(\n\s*Tags:\s*\n)/,
    '$1        - Key: gitpod:update\n          Value: v38\n',
  );
}

function notifier(): { raised: AppNotification[]; notify: (n: AppNotification) => boolean } {
  const raised: AppNotification[] = [];
  return { raised, notify: (n) => raised.push(n) > 0 };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-updates-service-'));
  now = new Date(DEADLINE - 5 * DAY_MS);
  current = v37Check();
  ledger = new MemoryLedger();
  service = await makeService();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('main/core/updates/updates-service', () => {
  describe('tray', () => {
    it.each([
      [5 * DAY_MS, 'attention', 'infrastructure update due in 5 days'],
      [30 * HOUR_MS, 'urgent', 'infrastructure update due in 30 hours'],
      [-2 * DAY_MS, 'urgent', 'infrastructure update overdue by 2 days'],
    ] as const)('%d ms before the deadline: %s, "%s"', (left, state, line) => {
      now = new Date(DEADLINE - left);
      expect(service.summaryFor(CELL.id)).toEqual({ state, line });
    });

    it('has nothing to say for a cell without pending updates', () => {
      current = check();
      expect(service.summaryFor(CELL.id)).toBeNull();
      expect(service.withUpdates([{ name: 'prod', state: 'ok', line: 'stacks stable' }])).toEqual([
        { name: 'prod', state: 'ok', line: 'stacks stable' },
      ]);
    });

    it('folds the update into the cell line: the more severe first', () => {
      expect(service.withUpdates([{ name: 'prod', state: 'ok', line: 'stacks stable' }])).toEqual([
        { name: 'prod', state: 'attention', line: 'infrastructure update due in 5 days' },
      ]);
      expect(
        service.withUpdates([{ name: 'prod', state: 'error', line: 'instance stack x: UPDATE_FAILED' }]),
      ).toEqual([
        {
          name: 'prod',
          state: 'error',
          line: 'instance stack x: UPDATE_FAILED · infrastructure update due in 5 days',
        },
      ]);
      now = new Date(DEADLINE + 2 * DAY_MS);
      expect(
        service.withUpdates([{ name: 'prod', state: 'error', line: 'instance stack x: UPDATE_FAILED' }]),
      ).toEqual([
        {
          name: 'prod',
          state: 'urgent',
          line: 'infrastructure update overdue by 2 days · instance stack x: UPDATE_FAILED',
        },
      ]);
    });

    it('is a tray source that checks the cells, records what they show, and gives the combined lines', async () => {
      const cells = {
        checkAll: vi.fn(async () => undefined),
        summaries: () => [{ name: 'prod', state: 'ok' as const, line: 'stacks stable' }],
      };
      const source = service.statusSource(cells);
      expect(await source.check()).toEqual([
        { name: 'prod', state: 'attention', line: 'infrastructure update due in 5 days' },
      ]);
      expect(cells.checkAll).toHaveBeenCalledOnce();
      expect(store.trackedChangeSets().map((t) => t.id)).toEqual([V37]);
      expect(source.peek?.()).toEqual([
        { name: 'prod', state: 'attention', line: 'infrastructure update due in 5 days' },
      ]);
    });
  });

  describe('sync', () => {
    it('remembers a change set seen pending across a restart, and records it applied once executed', async () => {
      await service.sync();
      current = null; // after a restart, before the first check
      service = await makeService();
      expect(service.state().cells[0]?.pending.map((p) => p.id)).toEqual([V37]);

      current = v37Check({ executionStatus: 'EXECUTE_COMPLETE' });
      const listener = vi.fn();
      service.subscribe(listener);
      const state = await service.sync();
      expect(state.cells[0]?.pending).toEqual([]);
      expect(state.history).toEqual([
        expect.objectContaining({
          id: V37,
          label: 'Infrastructure Update v37',
          detectedBy: 'change-set-executed',
        }),
      ]);
      expect(listener).toHaveBeenCalledWith(state);
      expect((await makeService()).state().history.map((h) => h.id)).toEqual([V37]);
    });
  });

  describe('snooze', () => {
    it('is cut at the deadline and shown with the update', async () => {
      const until = await service.snooze(V37, new Date(DEADLINE + 3 * DAY_MS));
      expect(until.getTime()).toBe(DEADLINE);
      expect(service.state().cells[0]?.pending[0]?.snoozedUntil).toBe(new Date(DEADLINE).toISOString());
    });

    it('is refused for an overdue update, and for a time in the past', async () => {
      now = new Date(DEADLINE + HOUR_MS);
      await expect(service.snooze(V37, new Date(DEADLINE + DAY_MS))).rejects.toMatchObject({
        appError: { code: 'snooze-overdue' },
      });
      now = new Date(DEADLINE - DAY_MS);
      await expect(service.snooze(V37, new Date(now.getTime() - 1))).rejects.toMatchObject({
        appError: { code: 'snooze-in-past' },
      });
      await expect(service.snooze('cs-000000000000000000000000', new Date(DEADLINE))).rejects.toBeInstanceOf(
        AppErrorException,
      );
    });
  });

  describe('notifications', () => {
    it('raises "new update" once, opening that update, then nothing until the next reminder', async () => {
      const shell = notifier();
      await service.deliverNotifications(shell);
      expect(shell.raised).toEqual([
        {
          title: 'prod: new infrastructure update',
          body: expect.stringContaining('Infrastructure Update v37 must be applied by'),
          target: { view: 'updates', itemId: V37 },
        },
      ]);
      await service.deliverNotifications(shell);
      expect(shell.raised).toHaveLength(1);

      const wake = service.nextWakeAt();
      expect(wake?.getTime()).toBe(DEADLINE - 3 * DAY_MS);
      now = wake ?? now;
      await service.deliverNotifications(shell);
      expect(shell.raised.at(-1)).toMatchObject({
        title: 'prod: infrastructure update due in 3 days',
        target: { view: 'updates', itemId: V37 },
      });
    });

    it('keeps one reminder schedule per cell: the earliest-due update', async () => {
      await service.deliverNotifications(notifier()); // v37 is new
      await service.importUpdate(CELL.id, [roleFile('role.yaml', changedRole())], {
        label: 'Infrastructure Update v38',
        releasedAt: '2026-03-05',
      });
      const shell = notifier();
      await service.deliverNotifications(shell);
      expect(shell.raised).toEqual([]); // the admin imported v38: no "new update" for it

      now = new Date(DEADLINE - 3 * DAY_MS);
      await service.deliverNotifications(shell);
      expect(shell.raised.map((n) => n.target)).toEqual([{ view: 'updates', itemId: V37 }]);
    });

    it('tells of a stack that failed and of an update applied', async () => {
      await service.deliverNotifications(notifier());
      await service.sync();
      current = check({
        stacks: [
          stack('role'),
          stack('instance', {
            status: 'UPDATE_ROLLBACK_FAILED',
            lastUpdatedTime: new Date(now.getTime() - HOUR_MS).toISOString(),
          }),
        ],
        changeSets: [changeSet('v37', RELEASED, { executionStatus: 'OBSOLETE' })],
      });
      await service.sync();
      const shell = notifier();
      await service.deliverNotifications(shell);
      expect(shell.raised.map((n) => [n.title, n.target])).toEqual([
        [`prod: stack ${INSTANCE_STACK} failed`, { view: 'overview' }],
        ['prod: infrastructure update applied', { view: 'updates', itemId: V37 }],
      ]);
      await service.deliverNotifications(shell);
      expect(shell.raised).toHaveLength(2);
    });
  });

  it('makes a calendar event at the deadline', () => {
    const { fileName, text } = service.calendarFor(V37);
    expect(fileName).toBe('prod-infrastructure-update-v37-deadline.ics');
    expect(text).toContain('DTSTART:20260315T060000Z');
    expect(text.replace(/\r\n\t/g, '')).toContain(`It updates\\, in this order: ${INSTANCE_STACK}.`);
  });

  describe('import', () => {
    it('reports a template identical to the deployed one as already applied, keeping only a history entry', async () => {
      const outcome = await service.importUpdate(CELL.id, [roleFile('role.yaml')], {
        label: 'Infrastructure Update v36',
      });
      expect(outcome).toMatchObject({
        status: 'already-applied',
        update: null,
        templates: [{ kind: 'role', stackName: 'gitpod-role', name: 'role.yaml', applied: true }],
      });
      expect(outcome.templates[0]?.evidence.join(' ')).toMatch(/GitpodSetupAndInitialEKSUserAdmin/);
      expect(store.imports()).toEqual([]);
      expect(service.state().history[0]).toMatchObject({ detectedBy: 'already-applied-when-imported' });
      const shell = notifier();
      await service.deliverNotifications(shell);
      expect(shell.raised.map((n) => n.title)).toEqual(['prod: new infrastructure update']);
    });

    it('keeps a changed template as a pending update for its stack', async () => {
      const outcome = await service.importUpdate(CELL.id, [roleFile('role.yaml', changedRole())], {
        label: 'Infrastructure Update v38',
      });
      expect(outcome.status).toBe('pending');
      expect(outcome.update).toMatchObject({
        source: 'import',
        label: 'Infrastructure Update v38',
        stacks: [{ kind: 'role', stackName: 'gitpod-role', templateName: 'role.yaml' }],
      });
      expect(service.state().cells[0]?.toApply?.stacks.map((s) => s.kind)).toEqual(['role', 'instance']);
    });

    it('stores nothing for a template offered for the wrong stack', async () => {
      await expect(
        service.importUpdate(CELL.id, [{ ...roleFile(), kind: 'instance' }], { label: 'v38' }),
      ).rejects.toMatchObject({ appError: { code: 'template-wrong-stack' } });
      expect(store.imports()).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
