import { randomBytes } from 'node:crypto';
import type { MaintenancePlan } from '../../../../shared/apply/maintenance';
import type { ChangeSetReview } from '../../../../shared/apply/review';
import {
  type ApplyConfirmationRequest,
  type ApplyInputRequest,
  type ApplyJournalNotice,
  type ApplyRecoveryRequest,
  type ApplyRunSummary,
  type ApplyRunView,
  isFinalPhase,
} from '../../../../shared/apply/run';
import type { Cell } from '../../../../shared/cells/cell';
import type { UpdateToApply } from '../../../../shared/updates/pending-update';
import { awsErrorException } from '../../aws/errors';
import { getCallerIdentity } from '../../aws/identity';
import { appError } from '../../errors/app-error';
import { describeError } from '../../log/logger';
import { systemTimers } from '../../refresh/timers';
import { type EvidenceFormat, exportEvidence } from '../evidence/evidence-export';
import { runEvidence } from '../evidence/run-evidence';
import type { RunRecord } from '../journal/run-record';
import { reviewToJson, reviewToMarkdown } from '../review/read-review';
import { defaultApplyPorts } from './default-ports';
import { driveRun } from './drive-run';
import { classifyFault } from './faults';
import { runIdFor, tokenFor } from './naming';
import type { ApplyRunnerOptions, CallerIdentityLike } from './run-ports';
import { markStep, newRunRecord } from './run-records';
import {
  clientsOf,
  commit,
  errorContextOf,
  JournalWriteError,
  pause,
  type RunDeps,
  RunSession,
} from './run-session';
import { runSummary, runView } from './run-view';
import { StopSignal } from './sleep';
import { maintenanceStuckOn, stepMaintenance } from './step-maintenance';
import { toChangeSetPhase } from './step-preflight';
import { readReview } from './step-review';

export interface StartApplyInput {
  readonly cell: Cell;
  /** Who the cell's credentials are (AccountGuard.assertAccount, or sts:GetCallerIdentity). */
  readonly identity: CallerIdentityLike;
  /** The stacks in order (role first), each a vendor change set or an imported template. */
  readonly update: UpdateToApply;
  /** Also detect drift in the preflight, listing what the update will overwrite (default: the runner's option). */
  readonly detectDrift?: boolean;
  /** Gitpod maintenance around the run (needs the runner's maintenance port). */
  readonly maintenance?: MaintenancePlan;
}

export type ApplyRunEvent =
  | { readonly type: 'changed'; readonly view: ApplyRunView }
  /** Once, when the run ends: the caller marks the update applied on `updated` / `already-up-to-date`. */
  | { readonly type: 'finished'; readonly view: ApplyRunView };

/**
 * The guided apply (issue 5) as a state machine the dashboard, the IPC layer and the CLI drive
 * alike, without Electron. Commands return at once with the run's view; the run moves on by
 * itself until it waits for the admin (values and acknowledgement, the confirmation naming the
 * stack and the account, resources to skip in a recovery), pauses (expired credentials, say) or
 * finishes. `subscribe` reports every change; `settled` waits for the next stop.
 *
 * Everything that changes AWS is journaled before the call (RunJournal); `open` resumes every
 * unfinished run from its journal, looking up in AWS what a call without a recorded result did,
 * so a change set is never created or executed twice.
 */
export class ApplyRunner {
  private readonly sessions = new Map<string, RunSession>();
  private readonly listeners = new Set<(event: ApplyRunEvent) => void>();
  private readonly finishedReported = new Set<string>();
  private readonly deps: RunDeps;
  private readonly stop = new StopSignal();
  private readonly randomHex: () => string;

  private constructor(private readonly options: ApplyRunnerOptions) {
    const timers = options.timers ?? systemTimers;
    this.randomHex = options.randomHex ?? (() => randomBytes(3).toString('hex'));
    this.deps = {
      store: options.journal,
      ports: { ...defaultApplyPorts, ...options.ports },
      clientsFor: options.clientsFor,
      readTemplate: options.readTemplate,
      identify: options.identify ?? ((clients) => getCallerIdentity(clients.sts)),
      maintenance: options.maintenance,
      logger: options.logger,
      timers,
      stop: this.stop,
      emit: (session) => this.emit(session),
    };
  }

  /** Opens the runner and resumes every unfinished run of the journal where it stands. */
  static open(options: ApplyRunnerOptions): ApplyRunner {
    const runner = new ApplyRunner(options);
    for (const record of options.journal.list()) {
      if (record.status === 'finished') {
        runner.finishedReported.add(record.id);
        // Maintenance the run left on because Gitpod could not be reached then: try once more.
        if (maintenanceStuckOn(record).length > 0 && options.maintenance) {
          runner.endMaintenance(record.id).catch((error: unknown) => {
            options.logger.warn(`apply ${record.id}: maintenance still on: ${describeError(error)}`);
          });
        }
        continue;
      }
      const session = new RunSession(record);
      runner.sessions.set(record.id, session);
      if (record.status === 'active' || record.status === 'paused') {
        options.logger.info(
          `apply ${record.id}: resuming (${record.stacks[record.currentStack]?.phase ?? '?'})`,
        );
        void runner.kick(session, true);
      }
    }
    return runner;
  }

  /** Starts a run for the cell's update. Refused while the cell has an unfinished run. */
  async start(input: StartApplyInput): Promise<ApplyRunView> {
    this.stop.throwIfStopped();
    const unfinished = this.unfinishedRunFor(input.cell.id);
    if (unfinished) {
      throw appError(
        'run-in-progress',
        `Cell "${input.cell.name}" already has an apply run that has not finished (${unfinished.id}).`,
        'Open it in the Apply view: resume it, or cancel it while nothing has been executed.',
      );
    }
    const plan = input.maintenance;
    if (plan && !this.deps.maintenance) {
      throw appError(
        'maintenance-unavailable',
        'Gitpod maintenance cannot be switched from here, so the run was not started.',
        'Start the run without maintenance, and switch it in Gitpod’s organization settings.',
      );
    }
    const now = new Date(this.deps.timers.now());
    let id = runIdFor(now, this.randomHex());
    while (this.options.journal.get(id)) id = runIdFor(now, this.randomHex());
    const record = newRunRecord({
      id,
      at: now.toISOString(),
      cell: input.cell,
      caller: input.identity,
      update: input.update,
    });
    const detectDrift = input.detectDrift ?? this.options.detectDrift ?? false;
    if (detectDrift) record.detectDrift = true;
    if (plan) {
      record.maintenance = {
        ...(plan.notice === null ? {} : { noticeText: plan.notice, notice: {} }),
        ...(plan.mode ? { mode: {} } : {}),
      };
    }
    await this.options.journal.save(record);
    const session = new RunSession(record);
    this.sessions.set(id, session);
    this.options.logger.info(
      `apply ${id}: started for cell ${input.cell.name}: ${record.stacks.map((s) => s.stackName).join(', ')}`,
    );
    this.emit(session);
    void this.kick(session, false);
    return this.view(id);
  }

  /** Values for new parameters (NoEcho ones are held in memory only) and the acknowledgement of capabilities. */
  async provideInput(request: ApplyInputRequest): Promise<ApplyRunView> {
    const session = this.waitingIn(request.runId, 'awaiting-input', 'values and an acknowledgement');
    const index = session.index;
    const stack = session.stack;
    const report = stack.preflight;
    const values = request.parameterValues ?? {};
    const secrets = { ...(session.secrets.get(index) ?? {}) };
    const missing = (report?.missingParameters ?? []).filter((parameter) =>
      parameter.noEcho
        ? secrets[parameter.key] === undefined
        : stack.parameterValues[parameter.key] === undefined,
    );
    const lacking = missing
      .filter((parameter) => values[parameter.key] === undefined)
      .map((parameter) => parameter.key);
    if (lacking.length > 0) {
      throw appError(
        'missing-values',
        `A value is needed for ${lacking.join(', ')}.`,
        'Enter a value for each new parameter.',
      );
    }
    for (const parameter of missing) {
      const value = values[parameter.key] as string;
      if (parameter.allowedValues && !parameter.allowedValues.includes(value)) {
        throw appError(
          'invalid-value',
          `${parameter.key} must be one of: ${parameter.allowedValues.slice(0, 10).join(', ')}.`,
          'Pick one of the allowed values.',
        );
      }
    }
    const toAcknowledge = (report?.capabilities ?? []).filter(
      (c) => !stack.acknowledgedCapabilities.includes(c),
    );
    if (toAcknowledge.length > 0 && !request.acknowledgeCapabilities) {
      const resources = (report?.capabilityResources ?? []).slice(0, 10).map((r) => r.logicalId);
      throw appError(
        'capabilities-not-acknowledged',
        `The update needs ${toAcknowledge.join(' and ')}: it may create or change IAM resources${resources.length > 0 ? ` (${resources.join(', ')})` : ''}. Nothing is created without your acknowledgement.`,
        'Acknowledge that CloudFormation may create these IAM resources.',
      );
    }
    const plain: Record<string, string> = {};
    for (const parameter of missing) {
      const value = values[parameter.key] as string;
      if (parameter.noEcho) secrets[parameter.key] = value;
      else plain[parameter.key] = value;
    }
    session.secrets.set(index, secrets);
    await this.commitCommand(session, (draft, at) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.parameterValues = { ...target.parameterValues, ...plain };
      target.secretParameterKeys = [...new Set([...target.secretParameterKeys, ...Object.keys(secrets)])];
      target.acknowledgedCapabilities = [...(report?.capabilities ?? [])];
      delete target.error;
      const given = missing.length;
      const acknowledged =
        target.acknowledgedCapabilities.length > 0
          ? `acknowledged ${target.acknowledgedCapabilities.join(', ')}`
          : '';
      markStep(
        draft,
        index,
        'input',
        'done',
        at,
        [given > 0 ? `${given} value${given === 1 ? '' : 's'} given` : '', acknowledged]
          .filter(Boolean)
          .join('; ') || 'Nothing needed.',
      );
      toChangeSetPhase(target);
      draft.status = 'active';
      delete draft.error;
    });
    void this.kick(session, true);
    return this.view(request.runId);
  }

  /**
   * The explicit confirmation to execute. It must name the stack and the account exactly;
   * anything else is refused and nothing is executed.
   */
  async confirm(request: ApplyConfirmationRequest): Promise<ApplyRunView> {
    const session = this.waitingIn(request.runId, 'awaiting-confirmation', 'a confirmation');
    const index = session.index;
    const stack = session.stack;
    const account = session.record.cell.accountId;
    if (request.stackName.trim() !== stack.stackName || request.accountId.trim() !== account) {
      throw appError(
        'confirmation-mismatch',
        `The confirmation does not match: to execute, name the stack "${stack.stackName}" and the account ${account} exactly. Nothing was executed.`,
        `Type ${stack.stackName} and ${account}.`,
      );
    }
    await this.commitCommand(session, (draft, at) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.confirmedAt = at;
      target.phase = 'executing';
      markStep(
        draft,
        index,
        'confirm',
        'done',
        at,
        `Confirmed by ${draft.caller.arn} for ${target.stackName} in account ${account}.`,
      );
      draft.status = 'active';
    });
    void this.kick(session, true);
    return this.view(request.runId);
  }

  /** Continues a failed rollback, skipping the resources the admin chose among those listed. */
  async recover(request: ApplyRecoveryRequest): Promise<ApplyRunView> {
    const session = this.waitingIn(request.runId, 'awaiting-recovery', 'a recovery choice');
    const index = session.index;
    const stack = session.stack;
    const listed = new Set((stack.failedResources ?? []).map((resource) => resource.logicalId));
    const unknown = request.resourcesToSkip.filter((id) => !listed.has(id));
    if (unknown.length > 0) {
      throw appError(
        'unknown-resource',
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the resources that failed to roll back (${[...listed].join(', ') || 'none'}).`,
        'Choose among the listed resources.',
      );
    }
    await this.commitCommand(session, (draft, at) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.recoveries.push({
        clientRequestToken: tokenFor(draft.id, target.kind, 'recover', target.recoveries.length + 1),
        resourcesToSkip: [...new Set(request.resourcesToSkip)],
        intentAt: at,
      });
      delete target.recoveryMonitor;
      target.phase = 'recovering';
      markStep(draft, index, 'recover', 'active', at);
      draft.status = 'active';
      delete draft.error;
    });
    void this.kick(session, true);
    return this.view(request.runId);
  }

  /**
   * Cancels before execute: the run's own change set is deleted, a vendor's kept. After
   * ExecuteChangeSet, CloudFormation is changing the stack and nothing can be cancelled.
   */
  async cancel(runId: string): Promise<ApplyRunView> {
    const session = this.session(runId);
    const record = session.record;
    if (record.status === 'finished') throw appError('run-finished', 'This run has already finished.');
    const stack = session.stack;
    if (stack.phase === 'awaiting-recovery') {
      // Nothing runs: the admin leaves the rollback for later (console or a new run).
      await this.commitCommand(session, (draft, at) => {
        const target = draft.stacks[draft.currentStack];
        if (!target) return;
        target.phase = 'failed';
        target.endedAt = at;
        markStep(draft, draft.currentStack, 'recover', 'skipped', at, 'Left for later by the admin.');
        draft.status = 'active';
      });
      void this.kick(session, false);
      return this.view(runId);
    }
    const executed = stack.execute !== undefined || ['monitoring', 'recovering'].includes(stack.phase);
    if (executed) {
      throw appError(
        'cannot-cancel',
        `The change set is already executing on ${stack.stackName}: an update cannot be cancelled once CloudFormation has it. If it fails, CloudFormation rolls every resource back by itself.`,
        'Follow it to its end here.',
      );
    }
    await this.commitCommand(session, (draft, at) => {
      draft.cancelRequestedAt ??= at;
      if (draft.status !== 'active') draft.status = 'active';
      delete draft.error;
    });
    session.halted = undefined;
    void this.kick(session, false);
    return this.view(runId);
  }

  /** Resumes a paused run (after signing in again, say); its current step is retried from the journal. */
  async resume(runId: string): Promise<ApplyRunView> {
    const session = this.session(runId);
    if (session.record.status !== 'paused' && session.halted === undefined) {
      if (session.record.status === 'active') return this.view(runId);
      throw appError('not-paused', 'This run is not paused.');
    }
    session.halted = undefined;
    session.transientFailures = 0;
    void this.kick(session, true);
    return this.view(runId);
  }

  view(runId: string): ApplyRunView {
    const session = this.sessions.get(runId);
    if (session) {
      return runView(session.record, {
        progress: session.progress,
        monitors: session.live,
        secrets: session.secrets,
        ...(session.halted ? { halted: session.halted } : {}),
        now: this.deps.timers.now(),
      });
    }
    const record = this.options.journal.get(runId);
    if (!record) throw appError('run-not-found', 'That apply run is not known.', 'Reload the History view.');
    return runView(record, {
      progress: new Map(),
      monitors: new Map(),
      secrets: new Map(),
      now: this.deps.timers.now(),
    });
  }

  /**
   * Tries again to switch off the Gitpod maintenance a finished run switched on but could not
   * switch off (the cell was unreachable, say). Only what the run itself switched on.
   */
  async endMaintenance(runId: string): Promise<ApplyRunView> {
    this.stop.throwIfStopped();
    const live = this.sessions.get(runId);
    const record = live?.record ?? this.options.journal.get(runId);
    if (!record) throw appError('run-not-found', 'That apply run is not known.', 'Reload the History view.');
    if (record.status !== 'finished') {
      throw appError(
        'run-not-finished',
        'This run switches its maintenance off by itself when it ends.',
        'Follow the run to its end.',
      );
    }
    const session = live ?? new RunSession(record);
    for (const which of maintenanceStuckOn(session.record)) {
      await stepMaintenance(this.deps, session, which, 'off');
    }
    return this.view(runId);
  }

  /** Waits until the run waits for the admin, pauses or finishes. */
  async settled(runId: string): Promise<ApplyRunView> {
    const session = this.sessions.get(runId);
    while (session?.driving) await session.driving;
    return this.view(runId);
  }

  /** The full review of a stack's change set (the current stack by default); read again after a restart. */
  async review(runId: string, stackIndex?: number): Promise<ChangeSetReview | null> {
    const session = this.session(runId);
    const index = stackIndex ?? session.index;
    const cached = session.reviews.get(index);
    if (cached) return cached;
    const stack = session.record.stacks[index];
    if (!stack?.changeSet?.id || isFinalPhase(stack.phase)) return null;
    try {
      return await readReview(this.deps, session, index);
    } catch (error) {
      throw awsErrorException(error, {
        ...errorContextOf(session.record),
        action: 'cloudformation:DescribeChangeSet',
      });
    }
  }

  /** The review of a stack's change set as Markdown or JSON, to keep or send. */
  async exportReview(
    runId: string,
    format: 'markdown' | 'json',
    stackIndex?: number,
  ): Promise<string | null> {
    const review = await this.review(runId, stackIndex);
    if (!review) return null;
    return format === 'markdown' ? reviewToMarkdown(review) : reviewToJson(review);
  }

  /** Every run in the journal, newest first (History). */
  listRuns(): ApplyRunSummary[] {
    return this.options.journal
      .list()
      .map((record) => runSummary(this.sessions.get(record.id)?.record ?? record));
  }

  /** Run files that could not be used (backed up and reported). */
  notices(): readonly ApplyJournalNotice[] {
    return this.options.journal.notices();
  }

  unfinishedRunFor(cellId: string): ApplyRunView | null {
    for (const session of this.sessions.values()) {
      if (session.record.cell.id === cellId && session.record.status !== 'finished')
        return this.view(session.record.id);
    }
    return null;
  }

  /** The run's evidence (who, when, what, each step's outcome) as Markdown, JSON or CSV. */
  exportEvidence(runId: string, format: EvidenceFormat): string {
    const record = this.sessions.get(runId)?.record ?? this.options.journal.get(runId);
    if (!record) throw appError('run-not-found', 'That apply run is not known.', 'Reload the History view.');
    return exportEvidence(runEvidence(record), format);
  }

  subscribe(listener: (event: ApplyRunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stops every run where it stands (they stay journaled and resume at the next `open`) and
   * closes the clients. Nothing is cancelled in AWS.
   */
  dispose(): void {
    this.stop.stop();
    for (const session of this.sessions.values()) {
      session.clients?.destroy();
      session.clients = undefined;
    }
    this.listeners.clear();
  }

  /** A command's change to the run; a journal that cannot be written is the admin's error to see. */
  private async commitCommand(session: RunSession, mutate: Parameters<typeof commit>[2]): Promise<void> {
    try {
      await commit(this.deps, session, mutate);
    } catch (error) {
      if (!(error instanceof JournalWriteError)) throw error;
      throw appError(
        'journal-write-failed',
        `The apply journal could not be written, so nothing was done: ${describeError(error)}`,
        'Check the disk space and permissions of the settings folder, then try again.',
      );
    }
  }

  private session(runId: string): RunSession {
    this.stop.throwIfStopped();
    const session = this.sessions.get(runId);
    if (!session) {
      if (this.options.journal.get(runId)) throw appError('run-finished', 'This run has already finished.');
      throw appError('run-not-found', 'That apply run is not known.', 'Reload the Apply view.');
    }
    return session;
  }

  private waitingIn(runId: string, phase: RunRecord['stacks'][number]['phase'], what: string): RunSession {
    const session = this.session(runId);
    if (session.record.status !== 'waiting' || session.stack.phase !== phase || session.halted) {
      throw appError('run-not-waiting', `This run is not waiting for ${what} now.`, 'Reload the Apply view.');
    }
    return session;
  }

  /** Drives the run (once at a time); with `checkIdentity`, first makes sure the credentials are the cell's account. */
  private kick(session: RunSession, checkIdentity: boolean): Promise<void> {
    if (session.driving) {
      session.again = true;
      return session.driving;
    }
    const drive = async (): Promise<void> => {
      let verify = checkIdentity;
      do {
        session.again = false;
        if (verify && !(await this.verifyIdentity(session))) return;
        verify = false;
        if (session.record.status === 'paused') {
          await commit(this.deps, session, (draft) => {
            draft.status = 'active';
            delete draft.error;
          });
        }
        await driveRun(this.deps, session);
      } while (session.again && session.record.status === 'active' && !this.stop.isStopped);
    };
    session.driving = drive()
      .catch((error: unknown) => {
        this.options.logger.error(`apply ${session.record.id}: ${describeError(error)}`);
      })
      .finally(() => {
        session.driving = null;
        this.emit(session);
      });
    return session.driving;
  }

  /** A resumed run acts only with credentials of the cell's account. */
  private async verifyIdentity(session: RunSession): Promise<boolean> {
    const record = session.record;
    try {
      const identity = await this.deps.identify(clientsOf(this.deps, session));
      if (identity.account === record.cell.accountId) return true;
      await pause(this.deps, session, {
        code: 'wrong-account',
        message: `The credentials now resolve to account ${identity.account}, but cell "${record.cell.name}" lives in ${record.cell.accountId}. The run did nothing more.`,
        nextStep: `Sign in to account ${record.cell.accountId} with the cell's profile, then resume.`,
      });
    } catch (error) {
      if (this.stop.isStopped) return false;
      const fault = classifyFault(error, { ...errorContextOf(record), action: 'sts:GetCallerIdentity' });
      await pause(this.deps, session, fault.error);
    }
    return false;
  }

  private emit(session: RunSession): void {
    if (this.listeners.size === 0) return;
    const view = this.view(session.record.id);
    const finished = session.record.status === 'finished' && !this.finishedReported.has(session.record.id);
    if (finished) this.finishedReported.add(session.record.id);
    for (const listener of this.listeners) {
      try {
        listener({ type: 'changed', view });
        if (finished) listener({ type: 'finished', view });
      } catch (error) {
        this.options.logger.warn(`apply: a listener failed: ${describeError(error)}`);
      }
    }
  }
}
