import { describe, expect, it } from 'vitest';
import { ScriptedCellClient } from '../../../../test/support/gitpod-server/scripted-client';
import { type AppStatusSnapshot, appStatusSnapshotSchema } from '../../../shared/app-status/app-status';
import { createMemoryLogger } from '../log/logger';
import { ManualTimers } from '../refresh/timers';
import type { AppStatusNotice } from './app-events';
import { AppHistoryStore } from './app-history-store';
import { AppStatusService } from './app-status-service';
import { MemoryTokenVault } from './token-vault';

const MINUTE = 60_000;

function setup() {
  const timers = new ManualTimers(Date.parse('2026-05-01T08:00:00.000Z'));
  const logger = createMemoryLogger();
  const clients = new Map<string, ScriptedCellClient>();
  const snapshots: AppStatusSnapshot[] = [];
  const notices: AppStatusNotice[] = [];
  const service = new AppStatusService({
    tokens: new MemoryTokenVault(),
    history: AppHistoryStore.inMemory(logger),
    timers,
    logger,
    createClient: (origin) => {
      const client = new ScriptedCellClient();
      clients.set(origin.host, client);
      return client;
    },
    onChange: (snapshot) => snapshots.push(snapshot),
    onNotice: (notice) => notices.push(notice),
  });
  const advance = (ms: number) => timers.advance(ms, () => service.idle());
  return { service, clients, snapshots, notices, advance };
}

describe('main/core/app-status/app-status-service', () => {
  it('checks every cell with a domain and lists one without a domain with a hint', async () => {
    const { service, clients, advance } = setup();
    service.setCells([
      { cellId: 'a', name: 'prod', domain: 'prod.example.com' },
      { cellId: 'b', name: 'staging' },
    ]);
    service.start();
    await advance(0);
    const snapshot = service.snapshot();
    expect(appStatusSnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.cells.map((cell) => [cell.name, cell.version, cell.problem?.kind ?? null])).toEqual([
      ['prod', 'main-gha.100', null],
      ['staging', null, 'no-domain'],
    ]);
    expect([...clients.keys()]).toEqual(['prod.example.com']);
  });

  it('passes the mode to every cell', async () => {
    const { service, clients, advance } = setup();
    service.setCells([
      { cellId: 'a', name: 'prod', domain: 'prod.example.com' },
      { cellId: 'b', name: 'staging', domain: 'staging.example.com' },
    ]);
    service.start();
    await advance(5 * MINUTE);
    expect(clients.get('prod.example.com')?.count('version')).toBe(2);
    service.setMode('dashboard');
    await advance(5 * MINUTE);
    expect(clients.get('staging.example.com')?.count('version')).toBe(7);
    expect(service.snapshot().mode).toBe('dashboard');
  });

  it('stops checking a removed cell and restarts one whose domain changed', async () => {
    const { service, clients, advance } = setup();
    service.setCells([{ cellId: 'a', name: 'prod', domain: 'old.example.com' }]);
    service.start();
    await advance(0);
    service.setCells([{ cellId: 'a', name: 'prod', domain: 'new.example.com' }]);
    await advance(0);
    expect(clients.get('new.example.com')?.count('version')).toBe(1);
    service.setCells([]);
    await advance(30 * MINUTE);
    expect(clients.get('old.example.com')?.count('version')).toBe(1);
    expect(clients.get('new.example.com')?.count('version')).toBe(1);
    expect(service.snapshot().cells).toEqual([]);
  });

  it('passes notices on, tagged with the cell', async () => {
    const { service, clients, notices, advance } = setup();
    service.setCells([{ cellId: 'a', name: 'prod', domain: 'prod.example.com' }]);
    service.start();
    await advance(0);
    const client = clients.get('prod.example.com') as ScriptedCellClient;
    client.runs = 'main-gha.101';
    service.trigger('wake');
    // Within 5 s of the last check a trigger waits for the 5 s to pass.
    await advance(5_000);
    expect(notices.map((notice) => [notice.cellId, notice.notification.title])).toEqual([
      ['a', 'prod updated to main-gha.101'],
    ]);
  });

  it('checks all cells at once for a one-shot status', async () => {
    const { service } = setup();
    service.setCells([{ cellId: 'a', name: 'prod', domain: 'prod.example.com' }]);
    const snapshot = await service.checkAll();
    expect(snapshot.cells[0]).toMatchObject({ version: 'main-gha.100', reachable: true });
  });

  it('checks one cell on its own, leaving the others alone', async () => {
    const { service, clients } = setup();
    service.setCells([
      { cellId: 'a', name: 'prod', domain: 'prod.example.com' },
      { cellId: 'b', name: 'staging', domain: 'staging.example.com' },
    ]);
    const snapshot = await service.checkOne('b');
    expect(snapshot.cells.map((cell) => [cell.name, cell.version])).toEqual([
      ['prod', null],
      ['staging', 'main-gha.100'],
    ]);
    expect(clients.get('prod.example.com')?.count('version')).toBe(0);
    expect((await service.checkOne('no-such-cell')).cells).toHaveLength(2);
  });

  it('gives a cell added after setIntervals the new intervals', async () => {
    const { service, clients, advance } = setup();
    service.start();
    service.setIntervals({ trayMs: MINUTE });
    service.setCells([{ cellId: 'a', name: 'prod', domain: 'prod.example.com' }]);
    await advance(3 * MINUTE);
    expect(clients.get('prod.example.com')?.count('version')).toBe(4);
  });
});
