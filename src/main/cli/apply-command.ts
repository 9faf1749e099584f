import { join } from 'node:path';
import type { ApplyRunView, RunOutcome } from '../../shared/apply/run';
import type { Cell } from '../../shared/cells/cell';
import type { CellCheck } from '../../shared/cells/cell-check';
import type { StackKind } from '../../shared/cells/stack-report';
import type { GitpodHttpOptions } from '../core/app-status/gitpod-http';
import { singleTokenVault } from '../core/app-status/token-vault';
import { gitpodMaintenance } from '../core/apply/gitpod-maintenance';
import { RunJournal, runsDirBeside } from '../core/apply/journal/run-journal';
import type { RunRecord } from '../core/apply/journal/run-record';
import { ApplyRunner } from '../core/apply/run/apply-runner';
import type { ApplyRunnerOptions, MaintenancePort } from '../core/apply/run/run-ports';
import { type AwsClientOptions, type AwsClients, createAwsClients } from '../core/aws/clients';
import { defaultRegion, listProfiles } from '../core/aws/profiles';
import { CellChecker } from '../core/cells/cell-checker';
import { settingsFilePath } from '../core/cells/settings-path';
import { appError } from '../core/errors/app-error';
import type { Logger } from '../core/log/logger';
import type { TimerPort } from '../core/refresh/timers';
import type { ImportTemplate } from '../core/updates/import-update';
import { updatesFilePath, writeFileAtomic } from '../core/updates/update-file';
import { UpdateStore } from '../core/updates/update-store';
import { answer, type DialogContext } from './apply-dialog';
import { RunPrinter } from './apply-printer';
import {
  chooseUpdate,
  type HeldTemplate,
  readTemplateArgument,
  recordWhatTheCellRuns,
  unsavedCell,
} from './apply-target';
import { CellRunStore } from './cell-run-store';
import { CliFailure, type CliIo, PromptAborted } from './cli-io';
import { stderrLogger } from './import-command';
import type { ApplyCommand } from './parse-args';
import { findCell, savedCells } from './saved-cells';
import { cliToken, TOKEN_ENV } from './status-app';

/** Exit codes of `apply` (USAGE documents them). */
export const APPLY_EXIT = { done: 0, failed: 1, usage: 2, cancelled: 3 } as const;

export interface ApplyDeps {
  /** The AWS clients for the checks and the run (tests point them at moto). */
  readonly createClients?: (options: AwsClientOptions) => AwsClients;
  readonly checker?: Pick<CellChecker, 'check' | 'checkUnsaved' | 'dispose'>;
  readonly timers?: TimerPort;
  /** The run engine's ports and identity (tests script CloudFormation where moto cannot show it). */
  readonly runner?: Pick<ApplyRunnerOptions, 'ports' | 'identify' | 'randomHex'>;
  /** HTTPS options for the cell's Gitpod address (tests: the test server's CA). */
  readonly appHttp?: GitpodHttpOptions;
}

/**
 * Gitpod maintenance for this run, with GITPOD_TOKEN: asked for with --maintenance-*, or needed
 * to switch off what an unfinished run (from here or the app) switched on. Without a token a
 * resumed run cannot switch it off, says so, and the app tries again when it next starts.
 */
function maintenanceFor(
  command: ApplyCommand,
  cell: Cell,
  io: CliIo,
  http: GitpodHttpOptions | undefined,
): MaintenancePort | undefined | 'refused' {
  const token = cliToken(io.env, cell.domain ? 1 : 0, io);
  if (command.maintenance) {
    if (!cell.domain) {
      io.err(
        `dedicated-admin: ${cell.name} has no domain, so Gitpod maintenance cannot be switched: nothing was done. Add the domain in the app, or leave out --maintenance-notice and --maintenance-mode.`,
      );
      return 'refused';
    }
    if (token === null) {
      io.err(
        `dedicated-admin: --maintenance-notice and --maintenance-mode need ${TOKEN_ENV}, an organization owner's personal access token for ${cell.domain}: nothing was done.`,
      );
      return 'refused';
    }
  }
  if (token === null || !cell.domain) return undefined;
  return gitpodMaintenance({ tokens: singleTokenVault(token), ...(http ? { http } : {}) });
}

/**
 * The real clock with timers that keep the process alive: the runner's waits between
 * CloudFormation polls are all the CLI has pending while it follows a stack (systemTimers are
 * unref'd for the app, where they must not hold the process open).
 */
const cliTimers: TimerPort = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const OUTCOME_EXIT: Record<RunOutcome, number> = {
  updated: APPLY_EXIT.done,
  'already-up-to-date': APPLY_EXIT.done,
  'rolled-back': APPLY_EXIT.failed,
  failed: APPLY_EXIT.failed,
  blocked: APPLY_EXIT.failed,
  cancelled: APPLY_EXIT.cancelled,
};

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that resumes this cell's run. */
function resumeCommand(cell: Cell, saved: boolean): string {
  if (saved) return `dedicated-admin apply --cell ${shellWord(cell.name)}`;
  return `dedicated-admin apply${cell.profile ? ` --profile ${shellWord(cell.profile)}` : ''} --region ${cell.region}`;
}

interface Target {
  readonly cell: Cell;
  readonly saved: boolean;
  /** Made already for a cell given by --profile/--region (it is how its stacks are found). */
  readonly check: CellCheck | null;
}

async function resolveTarget(
  command: ApplyCommand,
  io: CliIo,
  checker: NonNullable<ApplyDeps['checker']>,
): Promise<Target> {
  if (command.cell)
    return { cell: findCell(await savedCells(io.env), command.cell), saved: true, check: null };
  const region =
    command.region ?? defaultRegion(io.env, await listProfiles({ env: io.env }), command.profile);
  if (!region) throw new CliFailure('no region: pass --region, set AWS_REGION, or give the profile a region');
  const check = await checker.checkUnsaved({
    region,
    ...(command.profile ? { profile: command.profile } : {}),
  });
  assertCheck(check);
  return { cell: unsavedCell(check, command.profile), saved: false, check };
}

/** Nothing is decided on a check that failed: "nothing pending" could then be false. */
function assertCheck(check: CellCheck): void {
  const first = check.errors[0];
  if (first) throw appError(first.code, `${check.name}: ${first.message}`, first.nextStep);
}

/** Whether the unfinished run is the one this command asks for (then it is resumed, not refused). */
function asksFor(
  run: RunRecord,
  command: ApplyCommand,
  template: { read: ImportTemplate; kind: StackKind } | undefined,
): boolean {
  if (command.update) {
    return (
      run.update.covers.includes(command.update) || run.stacks.some((s) => s.updateId === command.update)
    );
  }
  if (template) {
    return run.stacks.some(
      (s) => s.kind === template.kind && s.template?.sha256 === template.read.template.sha256,
    );
  }
  return true;
}

function refusal(run: RunRecord, cell: Cell, saved: boolean): string {
  const stack = run.stacks[run.currentStack];
  return `${cell.name} already has an unfinished apply run: ${run.id} "${run.update.label}", started ${run.createdAt} by ${run.caller.arn}${stack ? `, at ${stack.stackName}: ${stack.phase}` : ''}. A cell has one run at a time: resume it with \`${resumeCommand(cell, saved)}\` (or in the app's Apply view) and let it end, then apply this.`;
}

/** Reads imported templates from the app's updates file, and an ad-hoc one from memory. */
function templateReader(
  store: () => Promise<UpdateStore>,
  held: HeldTemplate | undefined,
): (updateId: string, kind: StackKind) => Promise<string> {
  return async (updateId, kind) => {
    if (held && held.updateId === updateId && held.kind === kind) return held.text;
    const stored = (await store())
      .imports()
      .find((entry) => entry.id === updateId)
      ?.templates.find((template) => template.kind === kind);
    if (!stored) {
      throw appError(
        'template-not-found',
        `The ${kind} template of this run is not stored: it was given on the command line for a cell not set up in the app.`,
        'Run apply again with the same --template and --stack to go on, or cancel the run in the app.',
      );
    }
    return (await store()).templateText(stored.sha256);
  };
}

interface Session {
  readonly runner: ApplyRunner;
  readonly printer: RunPrinter;
  readonly cell: Cell;
  readonly saved: boolean;
  readonly runsDir: string;
  readonly yes: boolean;
  readonly io: CliIo;
}

async function writeEvidence(session: Session, runId: string): Promise<string | null> {
  const path = join(session.runsDir, `${runId}.evidence.md`);
  try {
    await writeFileAtomic(path, session.runner.exportEvidence(runId, 'markdown'));
    return path;
  } catch {
    return null;
  }
}

/** The end: what happened, the root causes of a rollback, what to do next, and the evidence. */
async function finish(session: Session, view: ApplyRunView, couldNotAsk: boolean): Promise<number> {
  const { printer } = session;
  printer.line(view.message);
  for (const stack of view.stacks) {
    if (stack.rootCause.length === 0) continue;
    printer.line(`Root cause on ${stack.stackName} (the first failures, not what they led to):`);
    for (const cause of stack.rootCause) {
      printer.line(`  ${cause.logicalId} (${cause.resourceType}) ${cause.status}: ${cause.reason}`);
    }
  }
  const success = view.outcome === 'updated' || view.outcome === 'already-up-to-date';
  if (!success && view.error?.nextStep) printer.line(`Next: ${view.error.nextStep}`);
  const evidence = await writeEvidence(session, view.id);
  printer.line(
    evidence
      ? `Evidence: ${evidence} (History in the app exports it as Markdown, JSON or CSV too).`
      : `Evidence: in the app's History, run ${view.id}.`,
  );
  if (couldNotAsk && view.outcome === 'cancelled') return APPLY_EXIT.failed;
  return view.outcome ? OUTCOME_EXIT[view.outcome] : APPLY_EXIT.failed;
}

/** Follows the run to its end, answering what it waits for; the exit code says how it ended. */
async function follow(session: Session, runId: string): Promise<number> {
  const { runner, printer } = session;
  const hint = `\`${resumeCommand(session.cell, session.saved)}\``;
  const ctx: DialogContext = { io: session.io, runner, printer, yes: session.yes };
  let couldNotAsk = false;
  for (;;) {
    const view = await runner.settled(runId);
    printer.show(view);
    if (view.status === 'finished') return finish(session, view, couldNotAsk);
    if (view.status === 'paused' || !view.awaiting || view.awaiting.kind === 'resume') {
      const reason = view.error;
      printer.line(view.message);
      if (reason?.nextStep) printer.line(`Next: ${reason.nextStep}`);
      printer.line(`The run is kept where it stands: ${hint} resumes it (so does the app).`);
      return APPLY_EXIT.failed;
    }
    let outcome: Awaited<ReturnType<typeof answer>>;
    try {
      outcome = await answer(ctx, view);
    } catch (error) {
      if (!(error instanceof PromptAborted)) throw error;
      printer.line(
        `No answer: the run waits for it, nothing more was done. ${hint} asks again (so does the app).`,
      );
      return APPLY_EXIT.cancelled;
    }
    if (outcome === 'leave') {
      printer.line(`The run waits where it stands: ${hint} resumes it (so does the app).`);
      return APPLY_EXIT.failed;
    }
    if (outcome === 'declined' || outcome === 'cannot-ask') {
      couldNotAsk = outcome === 'cannot-ask';
      await runner.cancel(runId);
    }
  }
}

/**
 * `dedicated-admin apply`: the guided apply in the terminal, with the app's run engine and its
 * journal, so a run started here shows in the app's History and an unfinished one is resumed
 * by either. Prints each check, asks for what the run needs, prints the review and executes
 * only once the admin typed the stack name (or passed --yes), then follows the stack to its end.
 */
export async function runApply(command: ApplyCommand, io: CliIo, deps: ApplyDeps = {}): Promise<number> {
  if (io.isTty?.stdin !== true && !command.yes) {
    io.err(
      'dedicated-admin: apply asks for your confirmation, and stdin is not a terminal: nothing was done. Run it in a terminal, or pass --yes to acknowledge IAM resources and execute without asking (review the update in the app first).',
    );
    return APPLY_EXIT.usage;
  }
  const logger: Logger = stderrLogger(io);
  const createClients = deps.createClients ?? createAwsClients;
  const timers = deps.timers ?? cliTimers;
  const now = (): Date => new Date(timers.now());
  const checker = deps.checker ?? new CellChecker(createClients);
  const runsDir = runsDirBeside(settingsFilePath(io.env));
  let opened: Promise<UpdateStore> | undefined;
  const store = (): Promise<UpdateStore> => {
    opened ??= UpdateStore.open(updatesFilePath(io.env), { logger, now });
    return opened;
  };

  let runner: ApplyRunner | undefined;
  try {
    const { cell, saved, check: unsavedCheck } = await resolveTarget(command, io, checker);
    const template =
      command.template && command.stack
        ? {
            read: await readTemplateArgument(command.template, command.stack, cell, createClients),
            kind: command.stack,
          }
        : undefined;
    const maintenance = maintenanceFor(command, cell, io, deps.appHttp);
    if (maintenance === 'refused') return APPLY_EXIT.usage;
    const journal = await RunJournal.open(runsDir, { logger });
    const unfinished = journal.list().find((run) => run.cell.id === cell.id && run.status !== 'finished');
    if (unfinished && !asksFor(unfinished, command, template)) {
      io.err(`dedicated-admin: ${refusal(unfinished, cell, saved)}`);
      return APPLY_EXIT.failed;
    }

    let held: HeldTemplate | undefined;
    let start: (() => Promise<ApplyRunView>) | undefined;
    if (unfinished) {
      io.out(
        `Resuming run ${unfinished.id} "${unfinished.update.label}" on ${cell.name} (account ${cell.accountId}, ${cell.region}), started ${unfinished.createdAt} by ${unfinished.caller.arn}.`,
      );
      // The runner checks the account again only for runs it resumes by itself (active or paused):
      // one waiting for a confirmation would execute with whatever the profile resolves to now.
      if (saved) assertCheck(await checker.check(cell));
      const stack = template && unfinished.stacks.find((s) => s.kind === template.kind);
      if (template && stack)
        held = { updateId: stack.updateId, kind: template.kind, text: template.read.template.text };
    } else {
      const check = unsavedCheck ?? (await checker.check(cell));
      assertCheck(check);
      if (saved) await recordWhatTheCellRuns(cell, async () => check, { store, logger, now });
      const chosen = await chooseUpdate(
        {
          cell,
          saved,
          check,
          ...(command.update ? { update: command.update } : {}),
          ...(template ? { template } : {}),
        },
        { io, store, logger, now },
      );
      if (chosen.choice.kind === 'up-to-date') {
        io.out(chosen.choice.message);
        return APPLY_EXIT.done;
      }
      held = chosen.held;
      const update = chosen.choice.update;
      if (!check.account || !check.callerArn) throw new CliFailure(`${cell.name}: the caller is not known`);
      const identity = { account: check.account, arn: check.callerArn };
      io.out(
        `Applying "${update.label}" to ${cell.name} (account ${cell.accountId}, ${cell.region}) as ${identity.arn}: ${update.stacks.map((s) => s.stackName).join(', then ')}.`,
      );
      const plan = command.maintenance;
      start = () =>
        (runner as ApplyRunner).start({ cell, identity, update, ...(plan ? { maintenance: plan } : {}) });
    }
    checker.dispose();

    runner = ApplyRunner.open({
      journal: new CellRunStore(journal, cell.id),
      clientsFor: (c) => createClients({ region: c.region, ...(c.profile ? { profile: c.profile } : {}) }),
      readTemplate: templateReader(store, held),
      logger,
      timers,
      ...(maintenance ? { maintenance } : {}),
      ...deps.runner,
    });
    const printer = new RunPrinter(io, () => timers.now());
    runner.subscribe((event) => printer.show(event.view));
    const session: Session = { runner, printer, cell, saved, runsDir, yes: command.yes, io };
    const runId = start ? (await start()).id : (unfinished as RunRecord).id;
    const code = await follow(session, runId);
    const outcome = runner.view(runId).outcome;
    if (saved && (outcome === 'updated' || outcome === 'already-up-to-date')) {
      // As the app does after its next check: the update goes to History, the import is done.
      await recordWhatTheCellRuns(cell, () => checker.check(cell), { store, logger, now });
    }
    return code;
  } finally {
    checker.dispose();
    // Stops where it stands: an unfinished run stays journaled for the next apply or the app.
    runner?.dispose();
  }
}
