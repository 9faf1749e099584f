import type { PreflightCheck, PreflightReport } from '../../../../shared/apply/preflight';
import type { StackRecord } from '../journal/run-record';
import { readResourcesBlockingRollback, SKIP_CONSEQUENCE } from '../monitor/blocking-resources';
import { findChangeSet, isNoChangesReason } from './cloudformation-calls';
import { faultOfCheck } from './faults';
import { markStep } from './run-records';
import {
  clientsOf,
  commit,
  type RunDeps,
  type RunSession,
  retryOrPause,
  retryOrPauseOn,
} from './run-session';

/** NoEcho values never reach the journal, the view or an export. */
export function maskReport(report: PreflightReport): PreflightReport {
  const secret = new Set([
    ...report.secretParameterKeys,
    ...report.missingParameters.filter((parameter) => parameter.noEcho).map((parameter) => parameter.key),
  ]);
  return {
    ...report,
    parameters: report.parameters.map((parameter) =>
      secret.has(parameter.ParameterKey) && parameter.ParameterValue !== undefined
        ? { ...parameter, ParameterValue: '****' }
        : parameter,
    ),
  };
}

/** Checks that stop the run. Missing parameter values do not: the admin is asked for them. */
export function blockingChecks(report: PreflightReport): PreflightCheck[] {
  return report.checks.filter(
    (check) =>
      check.outcome === 'blocking' && !(check.id === 'parameters' && report.missingParameters.length > 0),
  );
}

/** Whether the admin still has to give values or acknowledge capabilities for this stack. */
export function needsInput(
  stack: StackRecord,
  secrets: Readonly<Record<string, string>> | undefined,
): boolean {
  const report = stack.preflight;
  if (!report) return false;
  const missingValue = report.missingParameters.some((parameter) =>
    parameter.noEcho
      ? secrets?.[parameter.key] === undefined
      : stack.parameterValues[parameter.key] === undefined,
  );
  const unacknowledged = report.capabilities.some(
    (capability) => !stack.acknowledgedCapabilities.includes(capability),
  );
  return missingValue || unacknowledged;
}

async function sourceOf(
  deps: RunDeps,
  stack: StackRecord,
): Promise<
  | { readonly kind: 'template'; readonly body: string; readonly sha256: string }
  | { readonly kind: 'change-set'; readonly changeSetId: string }
> {
  if (stack.source === 'vendor-change-set') {
    return {
      kind: 'change-set',
      changeSetId: stack.vendorChangeSet?.id ?? stack.vendorChangeSet?.name ?? '',
    };
  }
  const body = await deps.readTemplate(stack.updateId, stack.kind);
  return { kind: 'template', body, sha256: stack.template?.sha256 ?? '' };
}

/**
 * Step 2: the checks. What comes of them: the recovery (the stack is UPDATE_ROLLBACK_FAILED), a
 * block (with the check's reason and fix), the admin's input, or the change set.
 */
export async function stepPreflight(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const record = session.record;
  const stack = session.stack;
  if (
    !record.steps.some(
      (entry) => entry.stack === index && entry.step === 'preflight' && entry.state === 'active',
    )
  ) {
    await commit(deps, session, (draft, at) => {
      markStep(draft, index, 'preflight', 'active', at);
      const target = draft.stacks[index];
      if (target && target.startedAt === undefined) target.startedAt = at;
    });
  }
  const clients = clientsOf(deps, session);
  let report: PreflightReport;
  try {
    const source = await sourceOf(deps, stack);
    report = await deps.ports.runPreflight(
      clients,
      {
        cell: record.cell,
        identity: record.caller,
        stack: { kind: stack.kind, stackName: stack.stackName },
        source,
        ...(record.detectDrift ? { detectDrift: true } : {}),
      },
      { timers: deps.timers, now: () => new Date(deps.timers.now()) },
    );
  } catch (error) {
    // The checks turn AWS failures into their reasons; what reaches here is reading the template
    // or something unexpected. Nothing was changed, so the run pauses and resume checks again.
    await retryOrPause(deps, session, error, 'cloudformation:DescribeStacks');
    return;
  }
  const masked = maskReport(report);
  const cfn = clients.cloudFormation;

  if (report.needsRecovery) {
    let failedResources: Awaited<ReturnType<typeof readResourcesBlockingRollback>>;
    try {
      failedResources = await readResourcesBlockingRollback(
        cfn,
        report.stackId ?? stack.stackName,
        stack.stackName,
      );
    } catch (error) {
      await retryOrPause(deps, session, error, 'cloudformation:DescribeStackEvents');
      return;
    }
    await commit(deps, session, (draft, at) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.preflight = masked;
      if (report.stackId) target.stackId = report.stackId;
      target.recoveryOrigin = 'before-update';
      target.failedResources = failedResources;
      target.phase = 'awaiting-recovery';
      target.error = {
        code: 'needs-recovery',
        message: `${stack.stackName} is UPDATE_ROLLBACK_FAILED: an earlier update failed and its rollback failed too. CloudFormation accepts no update until the rollback is continued.`,
        nextStep: `Continue the rollback, skipping the resources that cannot roll back (${failedResources.length} listed). ${SKIP_CONSEQUENCE}`,
      };
      markStep(draft, index, 'preflight', 'done', at, 'The stack needs its rollback continued first.');
      markStep(draft, index, 'recover', 'waiting', at);
      draft.status = 'waiting';
    });
    return;
  }

  const blockers = blockingChecks(report);
  // Blocked only by AWS being out of reach (or the credentials expiring): nothing is wrong with
  // the stack or the update, so the checks are tried again, or the run pauses until resume.
  const faults = blockers.map((check) =>
    faultOfCheck(check.errorCode, {
      code: check.errorCode ?? 'preflight-blocked',
      message: `${check.title}: ${check.reason}`.slice(0, 2000),
      ...(check.fix ? { nextStep: check.fix } : {}),
    }),
  );
  const unreachable = faults.filter((fault) => fault !== null);
  if (blockers.length > 0 && unreachable.length === blockers.length) {
    const fault =
      unreachable.find((f) => f.kind === 'credentials') ??
      (unreachable[0] as NonNullable<(typeof faults)[number]>);
    await retryOrPauseOn(deps, session, fault, 'the preflight checks');
    return;
  }
  session.transientFailures = 0;
  if (
    blockers.length > 0 &&
    stack.source === 'vendor-change-set' &&
    blockers.every((check) => check.id === 'change-set')
  ) {
    // A vendor change set with nothing in it: the stack is already where the update would take it.
    let vendor: Awaited<ReturnType<typeof findChangeSet>> = null;
    try {
      vendor = await findChangeSet(
        cfn,
        report.stackId ?? stack.stackName,
        stack.vendorChangeSet?.id ?? stack.vendorChangeSet?.name ?? '',
      );
    } catch (error) {
      await retryOrPause(deps, session, error, 'cloudformation:DescribeChangeSet');
      return;
    }
    if (vendor?.status === 'FAILED' && isNoChangesReason(vendor.statusReason)) {
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[index];
        if (!target) return;
        target.preflight = masked;
        if (report.stackId) target.stackId = report.stackId;
        target.changeSet = {
          name: vendor.name,
          id: vendor.id,
          createdByRun: false,
          status: vendor.status,
          ...(vendor.statusReason ? { statusReason: vendor.statusReason } : {}),
        };
        target.phase = 'already-up-to-date';
        if (report.stackStatus) target.finalStatus = report.stackStatus;
        target.endedAt = at;
        markStep(
          draft,
          index,
          'preflight',
          'done',
          at,
          'The change set holds no changes: the stack is already up to date.',
        );
      });
      return;
    }
  }
  if (blockers.length > 0) {
    const first = blockers[0] as PreflightCheck;
    await commit(deps, session, (draft, at) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.preflight = masked;
      if (report.stackId) target.stackId = report.stackId;
      target.phase = 'blocked';
      target.endedAt = at;
      target.error = {
        code: 'preflight-blocked',
        message: `${first.title}: ${first.reason}`.slice(0, 2000),
        ...(first.fix ? { nextStep: first.fix } : {}),
      };
      markStep(
        draft,
        index,
        'preflight',
        'failed',
        at,
        `${blockers.length} blocking check${blockers.length === 1 ? '' : 's'}: ${blockers.map((check) => check.title).join(', ')}`,
      );
    });
    return;
  }

  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    if (!target) return;
    target.preflight = masked;
    if (report.stackId) target.stackId = report.stackId;
    delete target.error;
    const warnings = report.checks.filter((check) => check.outcome === 'warning').length;
    markStep(
      draft,
      index,
      'preflight',
      'done',
      at,
      warnings > 0 ? `Passed with ${warnings} warning${warnings === 1 ? '' : 's'}.` : 'Passed.',
    );
    if (needsInput(target, session.secrets.get(index))) {
      target.phase = 'awaiting-input';
      markStep(draft, index, 'input', 'waiting', at);
      draft.status = 'waiting';
    } else {
      markStep(draft, index, 'input', 'skipped', at, 'Nothing to fill in or acknowledge.');
      toChangeSetPhase(target);
    }
  });
}

/** After the checks and the input: create a change set, or wait on the vendor's. */
export function toChangeSetPhase(stack: StackRecord): void {
  if (stack.source === 'vendor-change-set') {
    stack.changeSet = {
      name: stack.vendorChangeSet?.name ?? stack.vendorChangeSet?.id ?? '',
      ...(stack.vendorChangeSet?.id ? { id: stack.vendorChangeSet.id } : {}),
      createdByRun: false,
    };
    stack.phase = 'waiting-change-set';
  } else {
    stack.phase = 'creating';
  }
}
