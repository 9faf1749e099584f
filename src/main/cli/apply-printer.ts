import { maintenanceLines } from '../../shared/apply/maintenance';
import type { PreflightCheck, PreflightReport } from '../../shared/apply/preflight';
import type { ApplyRunView, ApplyStackView, RunProgress, StackOutcome } from '../../shared/apply/run';
import { isFinalPhase } from '../../shared/apply/run';
import type { CliIo } from './cli-io';

/** The progress line is redrawn at most this often, like the app polls CloudFormation. */
export const PROGRESS_REDRAW_MS = 2_000;

/** ANSI: cursor one line up, then clear that line, so the progress line is drawn over itself. */
const REDRAW = '\u001b[1A\u001b[2K';

const OUTCOME_MARK: Record<PreflightCheck['outcome'], string> = {
  passed: '✓',
  warning: '!',
  blocking: '✗',
};

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** The preflight of one stack: each check passed, warning or blocking, with the reason and the fix. */
export function preflightLines(report: PreflightReport, view: ApplyRunView): string[] {
  const out = [
    `Preflight of ${report.stackName} (${report.stackKind} stack) in account ${view.accountId} (${view.region}):`,
  ];
  for (const check of report.checks) {
    out.push(`  ${OUTCOME_MARK[check.outcome]} ${check.title}: ${check.reason}`);
    if (check.fix && check.outcome !== 'passed') out.push(`      Fix: ${check.fix}`);
  }
  for (const drifted of (report.driftedResources ?? []).slice(0, 20)) {
    out.push(
      `      drifted: ${drifted.logicalId} (${drifted.type}) ${drifted.status}${drifted.differences.length > 0 ? `: ${drifted.differences.slice(0, 5).join(', ')}` : ''}`,
    );
  }
  return out;
}

function bar(percent: number | null): string {
  if (percent === null) return '';
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * 20);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] `;
}

/** "corp-gitpod-role: [#####...] 3/12 resources, 0m 14s, UPDATE_IN_PROGRESS". */
export function progressLine(stack: ApplyStackView, progress: RunProgress): string {
  const resources =
    progress.resourcesTotal > 0
      ? `${progress.resourcesDone}/${progress.resourcesTotal} resources`
      : `${progress.resourcesDone} resources done`;
  const status = progress.stackStatus ? `, ${progress.stackStatus}` : '';
  const reconnecting = progress.reconnecting ? ' (AWS not reachable, trying again)' : '';
  return `${stack.stackName}: ${bar(progress.percent)}${resources}, ${formatDuration(progress.elapsedMs)} elapsed${status}${reconnecting}`;
}

function endLine(stack: ApplyStackView, outcome: StackOutcome): string {
  const took =
    stack.startedAt && stack.endedAt
      ? ` in ${formatDuration(Date.parse(stack.endedAt) - Date.parse(stack.startedAt))}`
      : '';
  switch (outcome) {
    case 'updated':
      return `✓ ${stack.stackName}: ${stack.finalStatus ?? 'UPDATE_COMPLETE'}${took}`;
    case 'already-up-to-date':
      return `✓ ${stack.stackName}: already up to date (the stack runs this template)`;
    case 'rolled-back':
      return `✗ ${stack.stackName}: failed and rolled back (${stack.finalStatus ?? 'UPDATE_ROLLBACK_COMPLETE'})${took}`;
    case 'failed':
      return `✗ ${stack.stackName}: failed${stack.finalStatus ? ` (${stack.finalStatus})` : ''}`;
    case 'blocked':
      return `✗ ${stack.stackName}: not started, the checks found a blocking problem`;
    case 'cancelled':
      return `– ${stack.stackName}: cancelled, nothing executed`;
    case 'not-started':
      return `– ${stack.stackName}: not started`;
  }
}

/**
 * Prints a run as it moves: each stack's preflight once, what the run is doing, the progress
 * while CloudFormation updates a stack, and how each stack ended. On a terminal the progress is
 * one line redrawn at most every PROGRESS_REDRAW_MS; otherwise (a log, a pipe) a plain line
 * each time the resources done or the stack status change.
 */
export class RunPrinter {
  private readonly preflightShown = new Set<number>();
  private readonly endShown = new Set<number>();
  private lastMessage = '';
  /** The last line on screen is the progress line, which the next one may draw over. */
  private progressOnScreen = false;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private lastPlain = '';
  private lastMaintenance = '';

  constructor(
    private readonly io: CliIo,
    private readonly now: () => number,
  ) {}

  line(text: string): void {
    this.progressOnScreen = false;
    this.io.out(text);
  }

  show(view: ApplyRunView): void {
    const maintenance = view.maintenance ? maintenanceLines(view.maintenance) : [];
    const said = [...maintenance, view.maintenance?.problem?.message ?? ''].join('\n');
    if (said !== this.lastMaintenance) {
      this.lastMaintenance = said;
      for (const text of maintenance) this.line(text);
      if (view.maintenance?.problem) {
        this.line(`${view.maintenance.problem.message} ${view.maintenance.problem.nextStep}`);
      }
    }
    for (const [index, stack] of view.stacks.entries()) {
      if (stack.preflight && !this.preflightShown.has(index)) {
        this.preflightShown.add(index);
        for (const text of preflightLines(stack.preflight, view)) this.line(text);
      }
      if (isFinalPhase(stack.phase) && !this.endShown.has(index)) {
        this.endShown.add(index);
        this.line(endLine(stack, stack.phase));
      }
    }
    const current = view.stacks[view.currentStack];
    if (view.status !== 'active' || !current || isFinalPhase(current.phase)) return;
    if ((current.phase === 'monitoring' || current.phase === 'recovering') && current.progress) {
      this.progress(current, current.progress);
      return;
    }
    if (view.message !== this.lastMessage) {
      this.lastMessage = view.message;
      this.line(view.message);
    }
  }

  private progress(stack: ApplyStackView, progress: RunProgress): void {
    const text = progressLine(stack, progress);
    if (this.io.isTty?.stdout) {
      const at = this.now();
      if (this.progressOnScreen && at - this.lastDrawAt < PROGRESS_REDRAW_MS) return;
      this.io.out(`${this.progressOnScreen ? REDRAW : ''}${text}`);
      this.progressOnScreen = true;
      this.lastDrawAt = at;
      return;
    }
    // The elapsed time changes every poll: a new plain line only when something else did.
    const key = `${stack.stackName} ${progress.resourcesDone}/${progress.resourcesTotal} ${progress.stackStatus ?? ''} ${progress.reconnecting}`;
    if (key === this.lastPlain) return;
    this.lastPlain = key;
    this.line(text);
  }
}
