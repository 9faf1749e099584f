import { z } from 'zod';
import { MAX_NOTICE_LENGTH } from '../../../../shared/app-status/app-status';
import { capabilitySchema, preflightReportSchema } from '../../../../shared/apply/preflight';
import { reviewSummarySchema } from '../../../../shared/apply/review';
import {
  APPLY_STEPS,
  applyRunIdSchema,
  applyStepSchema,
  changeSetRefSchema,
  failedResourceSchema,
  MAX_RECENT_EVENTS,
  MAX_ROOT_CAUSES,
  MAX_TIMELINE,
  rootCauseSchema,
  runEventSchema,
  runOutcomeSchema,
  runStatusSchema,
  stackPhaseSchema,
  timelineEntrySchema,
} from '../../../../shared/apply/run';
import { cellSchema } from '../../../../shared/cells/cell';
import { stackKindSchema } from '../../../../shared/cells/stack-report';
import { appErrorSchema } from '../../../../shared/errors';
import { updateIdSchema, updateSourceSchema } from '../../../../shared/updates/pending-update';

/**
 * One apply run as it is journaled in `runs/<id>.json`: everything needed to resume it after a
 * crash, and everything History and the evidence export show. Each call that changes AWS has an
 * intent (written before the call, with the name and idempotency token it will use) and a result
 * (written after): an intent without a result is exactly what a resume must look up in AWS before
 * doing anything. NoEcho parameter values are never written here.
 */
export const RUN_RECORD_VERSION = 1;

const iso = z.string().datetime();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** CloudFormation's pattern for change set names, ClientToken and ClientRequestToken. */
const awsToken = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z][-a-zA-Z0-9]*$/);

export const createIntentSchema = z
  .object({
    changeSetName: awsToken,
    clientToken: awsToken,
    description: z.string().max(1024),
    intentAt: iso,
    result: z
      .object({
        at: iso,
        /** `no-changes`: CloudFormation refused it at once because nothing would change (emulators). */
        outcome: z.enum(['created', 'not-created', 'no-changes']),
        changeSetId: z.string().max(2048).optional(),
        error: appErrorSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CreateIntent = z.output<typeof createIntentSchema>;

/** What a call that starts a stack operation (execute, continue rollback) did. */
const startedResultSchema = z
  .object({
    at: iso,
    outcome: z.enum(['started', 'not-started']),
    error: appErrorSchema.optional(),
  })
  .strict();

export const executeIntentSchema = z
  .object({
    clientRequestToken: awsToken,
    /** The newest stack event before the call: monitoring reads the events after it. */
    baselineEventId: z.string().max(256).optional(),
    intentAt: iso,
    result: startedResultSchema.optional(),
  })
  .strict();
export type ExecuteIntent = z.output<typeof executeIntentSchema>;

export const recoveryIntentSchema = z
  .object({
    clientRequestToken: awsToken,
    resourcesToSkip: z.array(z.string().max(512)).max(500),
    baselineEventId: z.string().max(256).optional(),
    intentAt: iso,
    result: startedResultSchema.optional(),
  })
  .strict();
export type RecoveryIntent = z.output<typeof recoveryIntentSchema>;

export const cleanupIntentSchema = z
  .object({
    reason: z.enum(['no-changes', 'cancelled']),
    intentAt: iso,
    result: z
      .object({
        at: iso,
        outcome: z.enum(['deleted', 'kept', 'failed']),
        error: appErrorSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CleanupIntent = z.output<typeof cleanupIntentSchema>;

/** What the stack monitor last knew; the timeline is rebuilt from it after a restart. */
export const monitorStateSchema = z
  .object({
    /** `execution` follows ExecuteChangeSet; `recovery` follows ContinueUpdateRollback. */
    operation: z.enum(['execution', 'recovery']),
    startedAt: iso,
    /** Events after this one are the operation's (newest read so far). */
    lastEventId: z.string().max(256).optional(),
    /** Set once an event or the stack showed that the operation really began. */
    begun: z.boolean(),
    /** When the stack began rolling back: failures after it are not the root cause. */
    rollbackStartedAt: iso.optional(),
    stackStatus: z.string().max(64).optional(),
    stackStatusReason: z.string().max(4096).optional(),
    timeline: z.array(timelineEntrySchema).max(MAX_TIMELINE),
    recentEvents: z.array(runEventSchema).max(MAX_RECENT_EVENTS),
    rootCause: z.array(rootCauseSchema).max(MAX_ROOT_CAUSES),
    endedAt: iso.optional(),
  })
  .strict();
export type MonitorState = z.output<typeof monitorStateSchema>;

export const stackRecordSchema = z
  .object({
    kind: stackKindSchema,
    stackName: z.string().min(1).max(128),
    updateId: updateIdSchema,
    source: updateSourceSchema,
    /** An imported template: its sha256 as received, and its file name. */
    template: z
      .object({ sha256, name: z.string().max(255).optional() })
      .strict()
      .optional(),
    /** The vendor's pre-created change set. */
    vendorChangeSet: z
      .object({ id: z.string().max(2048).optional(), name: z.string().max(128).optional() })
      .strict()
      .optional(),
    stackId: z.string().max(2048).optional(),
    phase: stackPhaseSchema,
    startedAt: iso.optional(),
    endedAt: iso.optional(),
    /** NoEcho values masked. */
    preflight: preflightReportSchema.optional(),
    acknowledgedCapabilities: z.array(capabilitySchema).max(3),
    /** Values the admin gave for new parameters, NoEcho ones left out. */
    parameterValues: z.record(z.string().max(255), z.string().max(4096)),
    /** Keys of NoEcho values the admin gave: held in memory only, asked again after a restart. */
    secretParameterKeys: z.array(z.string().max(255)).max(200),
    /** The TemplateURL the template was uploaded to, when it goes through S3. */
    templateUrl: z.string().max(5120).optional(),
    /** Every attempt to create a change set; the last one is current. */
    creates: z.array(createIntentSchema).max(10),
    changeSet: changeSetRefSchema.optional(),
    review: reviewSummarySchema.optional(),
    confirmedAt: iso.optional(),
    execute: executeIntentSchema.optional(),
    /** Following ExecuteChangeSet. */
    monitor: monitorStateSchema.optional(),
    /** Following the latest ContinueUpdateRollback. */
    recoveryMonitor: monitorStateSchema.optional(),
    /** Why a recovery is offered: the stack was stuck before the run, or this run's update failed. */
    recoveryOrigin: z.enum(['before-update', 'after-update']).optional(),
    failedResources: z.array(failedResourceSchema).max(500).optional(),
    recoveries: z.array(recoveryIntentSchema).max(20),
    cleanup: cleanupIntentSchema.optional(),
    /** The stack status the run ended this stack with. */
    finalStatus: z.string().max(64).optional(),
    error: appErrorSchema.optional(),
  })
  .strict();
export type StackRecord = z.output<typeof stackRecordSchema>;

/**
 * One Gitpod maintenance switch (the notice, or maintenance mode) around the run. `wasOn` is read
 * and journaled before the run switches anything, so the run owns the switch only when it was off:
 * what an admin had switched on by hand is never switched off by the run. Switching is idempotent
 * (it reads first), so an intent without a result is simply done again on resume.
 */
const switchResultSchema = z
  .object({
    at: iso,
    outcome: z.enum(['switched', 'unchanged', 'failed']),
    error: appErrorSchema.optional(),
  })
  .strict();

export const maintenanceSwitchSchema = z
  .object({
    onIntentAt: iso.optional(),
    wasOn: z.boolean().optional(),
    onResult: switchResultSchema.optional(),
    offIntentAt: iso.optional(),
    offResult: switchResultSchema.optional(),
  })
  .strict();
export type MaintenanceSwitchRecord = z.output<typeof maintenanceSwitchSchema>;

export const maintenanceRecordSchema = z
  .object({
    /** The notice's text, when the admin asked for one. */
    noticeText: z.string().min(1).max(MAX_NOTICE_LENGTH).optional(),
    notice: maintenanceSwitchSchema.optional(),
    /** Present when the admin asked for maintenance mode. */
    mode: maintenanceSwitchSchema.optional(),
  })
  .strict();
export type MaintenanceRecord = z.output<typeof maintenanceRecordSchema>;

/** One step of one stack, for the wizard's step list and the evidence's durations. */
export const stepRecordSchema = z
  .object({
    stack: z.number().int().min(0).max(1),
    step: applyStepSchema,
    state: z.enum(['active', 'waiting', 'done', 'failed', 'skipped']),
    startedAt: iso,
    endedAt: iso.optional(),
    /** One line: what came of it. */
    detail: z.string().max(2000).optional(),
  })
  .strict();
export type StepRecord = z.output<typeof stepRecordSchema>;

export const runRecordSchema = z
  .object({
    version: z.literal(RUN_RECORD_VERSION),
    id: applyRunIdSchema,
    createdAt: iso,
    updatedAt: iso,
    finishedAt: iso.optional(),
    cell: cellSchema,
    caller: z.object({ arn: z.string().min(1).max(2048), account: z.string().regex(/^\d{12}$/) }).strict(),
    update: z
      .object({
        label: z.string().min(1).max(200),
        covers: z.array(updateIdSchema).min(1).max(100),
        releasedAt: iso,
        deadline: iso,
      })
      .strict(),
    status: runStatusSchema,
    outcome: runOutcomeSchema.optional(),
    /** The preflight also detects drift (slow on big stacks). */
    detectDrift: z.boolean().optional(),
    /** Gitpod maintenance around the run, when the admin asked for it. */
    maintenance: maintenanceRecordSchema.optional(),
    /** The admin asked to cancel; honoured at the next step that may still be cancelled. */
    cancelRequestedAt: iso.optional(),
    currentStack: z.number().int().min(0).max(1),
    stacks: z.array(stackRecordSchema).min(1).max(2),
    /** At most one entry per stack and step, updated in place. */
    steps: z.array(stepRecordSchema).max(APPLY_STEPS.length * 2),
    /** Why the run is paused or failed. */
    error: appErrorSchema.optional(),
  })
  .strict();
export type RunRecord = z.output<typeof runRecordSchema>;
