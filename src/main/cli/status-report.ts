import { type AppStatusJson, appStatusJson, type CellAppStatus } from '../../shared/app-status/app-status';
import type { CellCheck } from '../../shared/cells/cell-check';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import { describeDeadline } from '../core/updates/deadline';

/** The `status --json` shape: a stable contract for scripts, so only these fields appear. */
export interface StatusJson {
  cells: Array<{
    name: string;
    account: string | null;
    region: string;
    callerArn: string | null;
    stacks: Array<{
      name: string;
      kind: 'role' | 'instance';
      status: string;
      lastUpdatedTime: string | null;
      blocksUpdate: boolean;
    }>;
    errors: Array<{ code: string; message: string; nextStep?: string }>;
    /** Oldest release first. Pending updates are not errors: the exit code stays 0. */
    pendingUpdates: PendingUpdateJson[];
    /**
     * The Gitpod application at the cell's domain, as one check saw it; null fields where
     * unknown (no domain, unreachable, no GITPOD_TOKEN for maintenance). Not an error either.
     */
    app: AppStatusJson;
  }>;
}

const UNKNOWN_APP: AppStatusJson = {
  version: null,
  reachable: null,
  checkedAt: null,
  maintenance: null,
  maintenanceNotice: null,
};

export interface PendingUpdateJson {
  id: string;
  label: string;
  source: 'change-set' | 'import';
  /** Stack names in apply order: the role stack first. */
  stacks: string[];
  releasedAt: string;
  deadline: string;
  state: 'on-track' | 'due-soon' | 'urgent' | 'overdue';
}

function pendingJson(update: PendingUpdate): PendingUpdateJson {
  return {
    id: update.id,
    label: update.label,
    source: update.source === 'vendor-change-set' ? 'change-set' : 'import',
    stacks: update.stacks.map((stack) => stack.stackName),
    releasedAt: update.releasedAt,
    deadline: update.deadline,
    state: update.state,
  };
}

/** `pending[i]` are the pending updates of `checks[i]`, `apps[i]` its application status. */
export function toStatusJson(
  checks: readonly CellCheck[],
  pending: ReadonlyArray<readonly PendingUpdate[]> = [],
  apps: readonly CellAppStatus[] = [],
): StatusJson {
  return {
    cells: checks.map((check, index) => ({
      name: check.name,
      account: check.account,
      region: check.region,
      callerArn: check.callerArn,
      stacks: check.stacks.map((stack) => ({
        name: stack.name,
        kind: stack.kind,
        status: stack.status,
        lastUpdatedTime: stack.lastUpdatedTime ?? null,
        blocksUpdate: stack.explanation.blocksUpdate,
      })),
      errors: check.errors.map((error) => ({ ...error })),
      pendingUpdates: (pending[index] ?? []).map(pendingJson),
      app: apps[index] ? appStatusJson(apps[index]) : UNKNOWN_APP,
    })),
  };
}

function pad(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function when(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-';
}

/** "prod · update Infrastructure Update v37 (change set; gitpod-role, then gitpod-instance): due in 5 days, by Wed 2 Dec 2026, 14:00 CET". */
function pendingLine(cellName: string, update: PendingUpdate, now: Date, timeZone?: string): string {
  const due = describeDeadline(new Date(update.deadline), now, timeZone);
  const source = update.source === 'vendor-change-set' ? 'change set' : 'imported';
  const stacks = update.stacks.map((stack) => stack.stackName).join(', then ');
  const overdue = due.meaning ? ` ${due.meaning}` : '';
  return `${cellName} · update ${update.label} (${source}; ${stacks}): ${due.relative}, by ${due.absolute} [${due.label}]${overdue}`;
}

function maintenanceWords(app: CellAppStatus): string {
  if (app.maintenance !== null) {
    const notice =
      app.maintenanceNotice === null
        ? ''
        : app.maintenanceNotice === ''
          ? ', maintenance announced'
          : `, maintenance announced: “${app.maintenanceNotice.replace(/\s+/g, ' ')}”`;
    return `maintenance ${app.maintenance ? 'on' : 'off'}${notice}`;
  }
  if (app.maintenanceNeedsToken)
    return 'maintenance unknown (set GITPOD_TOKEN to a personal access token to see it)';
  if (app.maintenanceProblem) return `maintenance unknown: ${app.maintenanceProblem.message}`;
  return 'maintenance unknown';
}

/**
 * "prod · Gitpod main-gha.34488, reachable (84 ms), maintenance off": the cell's application
 * in one line; what failed, and what to do, when it did not answer.
 */
export function appStatusLine(app: CellAppStatus): string {
  if (app.domain === null)
    return `${app.name} · Gitpod: no domain set (add it in the app, or pass --domain HOST)`;
  const version = app.version ? `Gitpod ${app.version}` : 'Gitpod';
  if (app.problem && app.reachable !== true) {
    const fix = app.problem.fix ? ` → ${app.problem.fix}` : '';
    return `${app.name} · ${version} at ${app.domain}: ${app.problem.message}${fix}`;
  }
  const answered = app.responseMs === null ? 'reachable' : `reachable (${app.responseMs} ms)`;
  return `${app.name} · ${version} at ${app.domain}, ${answered}, ${maintenanceWords(app)}`;
}

/**
 * A readable table: one row per stack, then a line per pending update (times in this
 * machine's zone, or `timeZone`), a line per cell's Gitpod application, then each cell's
 * errors with their next step.
 */
export function formatStatusTable(
  checks: readonly CellCheck[],
  pending: ReadonlyArray<readonly PendingUpdate[]> = [],
  now: Date = new Date(),
  timeZone?: string,
  apps: readonly CellAppStatus[] = [],
): string {
  const rows: string[][] = [
    ['CELL', 'ACCOUNT', 'REGION', 'STACK', 'KIND', 'STATUS', 'LAST UPDATED', 'UPDATE'],
  ];
  for (const check of checks) {
    const head = [check.name, check.account ?? '?', check.region];
    if (check.stacks.length === 0) rows.push([...head, '-', '-', '-', '-', '-']);
    check.stacks.forEach((stack, index) => {
      rows.push([
        ...(index === 0 ? head : ['', '', '']),
        stack.name,
        stack.kind,
        stack.status,
        when(stack.lastUpdatedTime),
        stack.explanation.blocksUpdate ? 'blocked' : 'ok',
      ]);
    });
  }
  const lines = pad(rows);
  checks.forEach((check, index) => {
    for (const update of pending[index] ?? []) lines.push(pendingLine(check.name, update, now, timeZone));
  });
  for (const app of apps) lines.push(appStatusLine(app));
  for (const check of checks) {
    for (const stack of check.stacks.filter((s) => s.explanation.category !== 'stable')) {
      lines.push(
        `${check.name} · ${stack.name}: ${stack.explanation.words}${stack.explanation.nextStep ? ` ${stack.explanation.nextStep}` : ''}`,
      );
    }
    for (const error of check.errors) {
      lines.push(`${check.name}: ${error.message}${error.nextStep ? ` → ${error.nextStep}` : ''}`);
    }
  }
  return lines.join('\n');
}
