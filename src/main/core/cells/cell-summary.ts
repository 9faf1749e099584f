import type { Cell } from '../../../shared/cells/cell';
import type { CellCheck } from '../../../shared/cells/cell-check';
import type { StackReport } from '../../../shared/cells/stack-report';
import type { AppError } from '../../../shared/errors';
import type { CellSummary, TrayState } from '../../../shared/status';

const MAX_LINE = 200;

/** Error codes that mean "AWS could not be reached", not "something is wrong with the cell". */
const OFFLINE_CODES = new Set(['offline']);

function clip(text: string): string {
  return text.length <= MAX_LINE ? text : `${text.slice(0, MAX_LINE - 1)}…`;
}

function stackLabel(stack: StackReport): string {
  return `${stack.kind} stack ${stack.name}`;
}

/** A short line for a failed check: the tray menu has one line per cell. */
function errorLine(error: AppError): string {
  if (error.code === 'sso-expired' && error.nextStep) return `sign-in expired: ${error.nextStep}`;
  return error.message;
}

/**
 * One cell's line in the tray menu and tooltip, and its tray state. Stacks that failed or
 * would refuse an update are errors (the admin must act before the next infrastructure
 * update); a rollback that completed is only attention (the stack works, the last update did
 * not); AWS being unreachable is offline, so it does not read as a broken cell.
 */
export function summarizeCell(cell: Cell, check: CellCheck | null): CellSummary {
  if (!check) return { name: cell.name, state: 'ok', line: 'not checked yet' };
  const [error] = check.errors;
  if (error) {
    const state: TrayState = OFFLINE_CODES.has(error.code) ? 'offline' : 'error';
    return { name: cell.name, state, line: clip(errorLine(error)) };
  }
  const broken = check.stacks.find(
    (stack) => stack.explanation.blocksUpdate && stack.explanation.category !== 'in-progress',
  );
  if (broken) {
    const words = broken.found ? broken.status : 'not found';
    return { name: cell.name, state: 'error', line: clip(`${stackLabel(broken)}: ${words}`) };
  }
  const rolledBack = check.stacks.find((stack) => stack.explanation.category === 'rolled-back');
  if (rolledBack) {
    return {
      name: cell.name,
      state: 'attention',
      line: clip(`${stackLabel(rolledBack)}: last update rolled back`),
    };
  }
  const busy = check.stacks.find((stack) => stack.explanation.category === 'in-progress');
  if (busy) {
    return { name: cell.name, state: 'ok', line: clip(`${stackLabel(busy)}: ${busy.status}`) };
  }
  return { name: cell.name, state: 'ok', line: 'stacks stable' };
}
