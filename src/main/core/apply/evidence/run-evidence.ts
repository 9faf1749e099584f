import type { MaintenanceSwitchState } from '../../../../shared/apply/maintenance';
import type { ReviewSummary } from '../../../../shared/apply/review';
import type { ApplyStep, RootCause, RunOutcome, RunStatus, StackPhase } from '../../../../shared/apply/run';
import type { AppError } from '../../../../shared/errors';
import type { RunRecord, StepRecord } from '../journal/run-record';
import { rootCauseOf } from '../monitor/timeline';
import { maintenanceView } from '../run/maintenance-view';

/**
 * The proof that an update was applied, and how: built from the run's journal, which is the
 * record. Nothing secret is in it (no NoEcho value ever reaches the journal).
 */
export interface EvidenceStep {
  readonly stackName: string;
  readonly step: ApplyStep;
  readonly state: StepRecord['state'];
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly durationMs?: number;
  readonly detail?: string;
}

export interface EvidenceStack {
  readonly kind: 'role' | 'instance';
  readonly stackName: string;
  readonly stackId?: string;
  readonly source: 'vendor-change-set' | 'import';
  readonly templateSha256?: string;
  readonly templateName?: string;
  readonly changeSetName?: string;
  readonly changeSetArn?: string;
  readonly changeSetCreatedByRun?: boolean;
  readonly review?: ReviewSummary;
  readonly confirmedAt?: string;
  readonly executedAt?: string;
  readonly executionToken?: string;
  readonly outcome: StackPhase;
  readonly finalStatus?: string;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly durationMs?: number;
  readonly rootCause: readonly RootCause[];
  readonly skippedInRecovery: readonly string[];
  readonly error?: AppError;
}

/** A Gitpod maintenance switch the run used: when it went on and off, and how it ended. */
export interface EvidenceMaintenance {
  readonly switch: 'notice' | 'mode';
  readonly state: MaintenanceSwitchState;
  readonly text?: string;
  readonly switchedOnAt?: string;
  readonly switchedOffAt?: string;
}

export interface RunEvidence {
  readonly format: 'dedicated-admin-apply-evidence';
  readonly version: 1;
  readonly runId: string;
  readonly update: string;
  readonly covers: readonly string[];
  readonly deadline: string;
  /** Null while the run has not finished with the update applied. */
  readonly appliedWithinDeadline: boolean | null;
  readonly cell: {
    readonly id: string;
    readonly name: string;
    readonly accountId: string;
    readonly region: string;
    readonly profile?: string;
  };
  readonly callerArn: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly status: RunStatus;
  readonly outcome?: RunOutcome;
  readonly stacks: readonly EvidenceStack[];
  readonly steps: readonly EvidenceStep[];
  readonly maintenance?: readonly EvidenceMaintenance[];
  readonly error?: AppError;
}

function maintenanceEvidence(record: RunRecord): EvidenceMaintenance[] | undefined {
  const view = maintenanceView(record);
  if (!view || !record.maintenance) return undefined;
  const entries: EvidenceMaintenance[] = [];
  for (const which of ['notice', 'mode'] as const) {
    const entry = record.maintenance[which];
    const state = which === 'notice' ? view.notice?.state : view.mode?.state;
    if (!entry || !state) continue;
    entries.push({
      switch: which,
      state,
      ...(which === 'notice' && record.maintenance.noticeText ? { text: record.maintenance.noticeText } : {}),
      ...(entry.onResult?.outcome === 'switched' ? { switchedOnAt: entry.onResult.at } : {}),
      ...(entry.offResult?.outcome === 'switched' ? { switchedOffAt: entry.offResult.at } : {}),
    });
  }
  return entries;
}

function duration(start: string | undefined, end: string | undefined): number | undefined {
  if (start === undefined || end === undefined) return undefined;
  return Math.max(0, Date.parse(end) - Date.parse(start));
}

export function runEvidence(record: RunRecord): RunEvidence {
  const applied = record.outcome === 'updated' || record.outcome === 'already-up-to-date';
  const stacks: EvidenceStack[] = record.stacks.map((stack) => {
    const created = stack.creates.find((attempt) => attempt.result?.outcome === 'created');
    const changeSetArn = stack.changeSet?.id ?? created?.result?.changeSetId;
    const stackDuration = duration(stack.startedAt, stack.endedAt);
    return {
      kind: stack.kind,
      stackName: stack.stackName,
      ...(stack.stackId ? { stackId: stack.stackId } : {}),
      source: stack.source,
      ...(stack.template ? { templateSha256: stack.template.sha256 } : {}),
      ...(stack.template?.name ? { templateName: stack.template.name } : {}),
      ...(stack.changeSet
        ? { changeSetName: stack.changeSet.name, changeSetCreatedByRun: stack.changeSet.createdByRun }
        : {}),
      ...(changeSetArn ? { changeSetArn } : {}),
      ...(stack.review ? { review: stack.review } : {}),
      ...(stack.confirmedAt ? { confirmedAt: stack.confirmedAt } : {}),
      ...(stack.execute?.result?.outcome === 'started'
        ? { executedAt: stack.execute.intentAt, executionToken: stack.execute.clientRequestToken }
        : {}),
      outcome: stack.phase,
      ...(stack.finalStatus ? { finalStatus: stack.finalStatus } : {}),
      ...(stack.startedAt ? { startedAt: stack.startedAt } : {}),
      ...(stack.endedAt ? { endedAt: stack.endedAt } : {}),
      ...(stackDuration !== undefined ? { durationMs: stackDuration } : {}),
      rootCause: stack.monitor ? rootCauseOf(stack.monitor) : [],
      skippedInRecovery: stack.recoveries
        .filter((r) => r.result?.outcome === 'started')
        .flatMap((r) => r.resourcesToSkip),
      ...(stack.error ? { error: stack.error } : {}),
    };
  });
  const steps: EvidenceStep[] = [...record.steps]
    .sort((a, b) => a.stack - b.stack || a.startedAt.localeCompare(b.startedAt))
    .map((entry) => {
      const stepDuration = duration(entry.startedAt, entry.endedAt);
      return {
        stackName: record.stacks[entry.stack]?.stackName ?? '',
        step: entry.step,
        state: entry.state,
        startedAt: entry.startedAt,
        ...(entry.endedAt ? { endedAt: entry.endedAt } : {}),
        ...(stepDuration !== undefined ? { durationMs: stepDuration } : {}),
        ...(entry.detail ? { detail: entry.detail } : {}),
      };
    });
  const runDuration = duration(record.createdAt, record.finishedAt);
  const maintenance = maintenanceEvidence(record);
  return {
    format: 'dedicated-admin-apply-evidence',
    version: 1,
    runId: record.id,
    update: record.update.label,
    covers: record.update.covers,
    deadline: record.update.deadline,
    appliedWithinDeadline:
      applied && record.finishedAt
        ? Date.parse(record.finishedAt) <= Date.parse(record.update.deadline)
        : null,
    cell: {
      id: record.cell.id,
      name: record.cell.name,
      accountId: record.cell.accountId,
      region: record.cell.region,
      ...(record.cell.profile ? { profile: record.cell.profile } : {}),
    },
    callerArn: record.caller.arn,
    startedAt: record.createdAt,
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    ...(runDuration !== undefined ? { durationMs: runDuration } : {}),
    status: record.status,
    ...(record.outcome ? { outcome: record.outcome } : {}),
    stacks,
    steps,
    ...(maintenance ? { maintenance } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}
