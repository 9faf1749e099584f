import type { ApplyState } from '../../../shared/apply/apply-ipc';
import type { MaintenancePlan } from '../../../shared/apply/maintenance';
import type { ChangeSetReview } from '../../../shared/apply/review';
import type {
  ApplyConfirmationRequest,
  ApplyInputRequest,
  ApplyRecoveryRequest,
  ApplyRunView,
  RunOutcome,
} from '../../../shared/apply/run';
import type { Cell } from '../../../shared/cells/cell';
import type { StackKind } from '../../../shared/cells/stack-report';
import type { UpdatesState } from '../../../shared/updates/pending-update';
import type { AwsClients } from '../aws/clients';
import { awsErrorException } from '../aws/errors';
import { getCallerIdentity } from '../aws/identity';
import { appError } from '../errors/app-error';
import { describeError, type Logger } from '../log/logger';
import type { AppNotification, Notifier } from '../notify/notifier';
import type { EvidenceFormat } from './evidence/evidence-export';
import { evidenceFileName } from './evidence/evidence-export';
import { runEvidence } from './evidence/run-evidence';
import type { RunJournal } from './journal/run-journal';
import type { ApplyRunEvent, ApplyRunner } from './run/apply-runner';

/** What the service needs of the rest of the app: the cells, their updates, a re-check. */
export interface ApplyServiceDeps {
  readonly runner: ApplyRunner;
  readonly journal: RunJournal;
  readonly cells: () => readonly Cell[];
  readonly updates: () => UpdatesState;
  /** Checks a cell again, so the updates see what the run changed (applied, or not). */
  readonly recheck: (cellId: string) => Promise<unknown>;
  readonly clientsFor: (cell: Cell) => AwsClients;
  readonly notifier: Notifier;
  readonly logger: Logger;
}

const OUTCOME_WORDS: Record<RunOutcome, string> = {
  updated: 'infrastructure update applied',
  'already-up-to-date': 'already up to date, nothing to apply',
  'rolled-back': 'update rolled back',
  failed: 'update failed',
  blocked: 'update blocked by a check',
  cancelled: 'update cancelled',
};

/** "prod: infrastructure update applied", naming the stacks; a click opens the run. */
export function runFinishedNotice(view: ApplyRunView): AppNotification {
  const outcome = view.outcome ?? 'failed';
  const stacks = view.stacks.map((s) => s.stackName).join(' and ');
  const done =
    outcome === 'updated' || outcome === 'already-up-to-date'
      ? `${stacks}: done. The evidence is in History.`
      : `${stacks}: ${view.message}`;
  // Maintenance left on blocks the cell's users: that comes first.
  const maintenance = view.maintenance;
  const stuck = maintenance?.mode?.state === 'stuck-on' || maintenance?.notice?.state === 'stuck-on';
  const next = stuck && maintenance?.problem ? `${maintenance.problem.message} ${done}` : done;
  return {
    title: `${view.cellName}: ${OUTCOME_WORDS[outcome]}`,
    body: next.slice(0, 300),
    target: { view: 'apply', itemId: view.id },
  };
}

/**
 * The guided apply as the dashboard uses it: finds the cell's update to apply, who the
 * credentials are, and the imported templates' texts, then hands over to the ApplyRunner. When
 * a run ends it says so natively and checks the cell again, so the update moves to the history
 * by the same detection as any other applied update (template deployed, change set executed).
 */
export class ApplyService {
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: ApplyServiceDeps) {
    this.unsubscribe = deps.runner.subscribe((event) => this.onRunEvent(event));
  }

  state(): ApplyState {
    const { runner } = this.deps;
    const runs = runner.listRuns();
    const active = runs
      .filter((run) => run.status !== 'finished')
      .map((run) => runner.view(run.id))
      .slice(0, 50);
    return { active, runs: runs.slice(0, 1000), notices: [...runner.notices()].slice(0, 50) };
  }

  view(runId: string): ApplyRunView {
    return this.deps.runner.view(runId);
  }

  /**
   * Starts the guided apply of the cell's update to apply. The preflight only reads; with a
   * maintenance plan, the notice goes up in Gitpod first (the admin asked for it).
   */
  async start(cellId: string, maintenance?: MaintenancePlan): Promise<ApplyRunView> {
    const cell = this.deps.cells().find((c) => c.id === cellId);
    if (!cell) throw appError('cell-not-found', 'That cell no longer exists.', 'Reload the dashboard.');
    if (maintenance && !cell.domain) {
      throw appError(
        'no-domain',
        `${cell.name} has no domain, so Gitpod maintenance cannot be switched around the update.`,
        'Add the cell’s domain in its settings, or start without maintenance.',
      );
    }
    const update = this.deps.updates().cells.find((c) => c.cellId === cellId)?.toApply;
    if (!update) {
      throw appError(
        'nothing-to-apply',
        `${cell.name} has no pending infrastructure update.`,
        'Check the cell again from the Overview, or import the update Gitpod sent in the Updates view.',
      );
    }
    const clients = this.deps.clientsFor(cell);
    let identity: { account: string; arn: string };
    try {
      identity = await getCallerIdentity(clients.sts);
    } catch (error) {
      throw awsErrorException(error, {
        region: cell.region,
        action: 'sts:GetCallerIdentity',
        ...(cell.profile ? { profile: cell.profile } : {}),
      });
    } finally {
      clients.destroy();
    }
    return this.deps.runner.start({ cell, identity, update, ...(maintenance ? { maintenance } : {}) });
  }

  provideInput(request: ApplyInputRequest): Promise<ApplyRunView> {
    return this.deps.runner.provideInput(request);
  }

  confirm(request: ApplyConfirmationRequest): Promise<ApplyRunView> {
    return this.deps.runner.confirm(request);
  }

  recover(request: ApplyRecoveryRequest): Promise<ApplyRunView> {
    return this.deps.runner.recover(request);
  }

  resume(runId: string): Promise<ApplyRunView> {
    return this.deps.runner.resume(runId);
  }

  cancel(runId: string): Promise<ApplyRunView> {
    return this.deps.runner.cancel(runId);
  }

  endMaintenance(runId: string): Promise<ApplyRunView> {
    return this.deps.runner.endMaintenance(runId);
  }

  async review(runId: string, stackIndex: number): Promise<ChangeSetReview> {
    const review = await this.deps.runner.review(runId, stackIndex);
    if (!review) {
      throw appError(
        'review-not-ready',
        'That stack has no change set to review yet.',
        'Wait until the change set is created, then open the review again.',
      );
    }
    return review;
  }

  /** The run's evidence as a file: its name and text. */
  evidence(runId: string, format: EvidenceFormat): { fileName: string; text: string } {
    const record = this.deps.journal.get(runId);
    if (!record) throw appError('run-not-found', 'That apply run is not known.', 'Reload the History view.');
    return {
      fileName: evidenceFileName(runEvidence(record), format),
      text: this.deps.runner.exportEvidence(runId, format),
    };
  }

  async reviewFile(
    runId: string,
    stackIndex: number,
    format: 'markdown' | 'json',
  ): Promise<{ fileName: string; text: string }> {
    const text = await this.deps.runner.exportReview(runId, format, stackIndex);
    if (text === null) {
      throw appError('review-not-ready', 'That stack has no change set to review yet.', 'Try again later.');
    }
    const stack = this.deps.runner.view(runId).stacks[stackIndex]?.stackName ?? 'stack';
    return { fileName: `change-set-review-${stack}-${runId}.${format === 'markdown' ? 'md' : 'json'}`, text };
  }

  subscribe(listener: (view: ApplyRunView) => void): () => void {
    return this.deps.runner.subscribe((event) => listener(event.view));
  }

  dispose(): void {
    this.unsubscribe();
    this.deps.runner.dispose();
  }

  private onRunEvent(event: ApplyRunEvent): void {
    if (event.type !== 'finished') return;
    const { view } = event;
    this.deps.notifier.notify(runFinishedNotice(view));
    this.deps.recheck(view.cellId).catch((error: unknown) => {
      this.deps.logger.warn(
        `apply ${view.id}: the cell could not be checked again (${describeError(error)})`,
      );
    });
  }
}

/** The text of an imported template for a run: the update's import, its template of that kind. */
export function importedTemplateReader(
  imports: () => ReadonlyArray<{ id: string; templates: ReadonlyArray<{ kind: StackKind; sha256: string }> }>,
  templateText: (sha256: string) => Promise<string>,
): (updateId: string, kind: StackKind) => Promise<string> {
  return async (updateId, kind) => {
    const template = imports()
      .find((i) => i.id === updateId)
      ?.templates.find((t) => t.kind === kind);
    if (!template) {
      throw appError(
        'template-not-found',
        `The ${kind} template of that update is no longer among the imported updates.`,
        'Import the update again in the Updates view.',
      );
    }
    return templateText(template.sha256);
  };
}
