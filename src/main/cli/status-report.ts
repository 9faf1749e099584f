import type { CellCheck } from '../../shared/cells/cell-check';

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
  }>;
}

export function toStatusJson(checks: readonly CellCheck[]): StatusJson {
  return {
    cells: checks.map((check) => ({
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

/** A readable table: one row per stack, then each cell's errors with their next step. */
export function formatStatusTable(checks: readonly CellCheck[]): string {
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
