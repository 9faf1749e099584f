import { z } from 'zod';
import { stackKindSchema } from '../cells/stack-report';
import { appErrorSchema } from '../errors';
import { updateIdSchema, updateSourceSchema } from '../updates/pending-update';
import { maintenanceViewSchema } from './maintenance';
import {
  capabilityResourceSchema,
  capabilitySchema,
  missingParameterSchema,
  preflightReportSchema,
} from './preflight';
import { reviewSummarySchema } from './review';

/**
 * The guided apply run as the wizard, the CLI and History see it (issue 5). Derived in
 * core/apply/run from the run's journal; bounded, JSON-serialisable, never a secret in it (NoEcho
 * parameter values are neither journaled nor shown).
 */

const iso = z.string().datetime();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** `run-20260301T101500Z-a1b2c3`: sortable by start, and safe as a file name. */
export const applyRunIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^run-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6,12}$/, 'an apply run id');
export type ApplyRunId = z.output<typeof applyRunIdSchema>;

/** The wizard's screens for one stack, in order. `recover` appears only when a rollback failed. */
export const APPLY_STEPS = [
  'preflight',
  'input',
  'create',
  'review',
  'confirm',
  'execute',
  'monitor',
  'recover',
] as const;
export const applyStepSchema = z.enum(APPLY_STEPS);
export type ApplyStep = z.output<typeof applyStepSchema>;

export const STEP_STATES = ['pending', 'active', 'waiting', 'done', 'skipped', 'failed'] as const;
export const stepStateSchema = z.enum(STEP_STATES);
export type StepState = z.output<typeof stepStateSchema>;

/** `updated`: every stack is at UPDATE_COMPLETE (some may have been up to date already). */
export const RUN_OUTCOMES = [
  'updated',
  'already-up-to-date',
  'rolled-back',
  'failed',
  'blocked',
  'cancelled',
] as const;

/** How a stack ended: a run's outcomes, and `not-started` (an earlier stack of the run did not succeed). */
export const STACK_OUTCOMES = [...RUN_OUTCOMES, 'not-started'] as const;

/**
 * Where one stack of the run stands: the state machine's node. The first group moves on by
 * itself, the `awaiting-*` ones wait for the admin, the last group is final.
 */
export const STACK_PHASES = [
  'pending',
  'preflight',
  'creating',
  'waiting-change-set',
  'reviewing',
  'executing',
  'monitoring',
  'recovering',
  'cleaning-up',
  'awaiting-input',
  'awaiting-confirmation',
  'awaiting-recovery',
  ...STACK_OUTCOMES,
] as const;
export const stackPhaseSchema = z.enum(STACK_PHASES);
export type StackPhase = z.output<typeof stackPhaseSchema>;

export const stackOutcomeSchema = z.enum(STACK_OUTCOMES);
export type StackOutcome = z.output<typeof stackOutcomeSchema>;

export function isFinalPhase(phase: StackPhase): phase is StackOutcome {
  return (STACK_OUTCOMES as readonly string[]).includes(phase);
}

/**
 * `active`: the app is working (or would be, after a restart); `waiting`: for the admin;
 * `paused`: stopped by something the admin must fix first (credentials), then resumed;
 * `finished`: see `outcome`.
 */
export const RUN_STATUSES = ['active', 'waiting', 'paused', 'finished'] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.output<typeof runStatusSchema>;

export const runOutcomeSchema = z.enum(RUN_OUTCOMES);
export type RunOutcome = z.output<typeof runOutcomeSchema>;

/** One resource on the run's timeline: when CloudFormation started and finished it. */
export const timelineEntrySchema = z
  .object({
    logicalId: z.string().max(512),
    resourceType: z.string().max(256),
    startedAt: iso,
    endedAt: iso.optional(),
    /** Its latest ResourceStatus. */
    status: z.string().max(64),
    reason: z.string().max(4096).optional(),
  })
  .strict();
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

/** A stack event of this execution, compact. */
export const runEventSchema = z
  .object({
    id: z.string().max(256),
    timestamp: iso,
    logicalId: z.string().max(512),
    resourceType: z.string().max(256),
    status: z.string().max(64),
    reason: z.string().max(4096).optional(),
  })
  .strict();
export type RunEvent = z.output<typeof runEventSchema>;

export const MAX_TIMELINE = 5_000;
export const MAX_RECENT_EVENTS = 50;
export const MAX_ROOT_CAUSES = 10;

/** A failure that caused a rollback (the first `*_FAILED` events, not the cancellations they led to). */
export const rootCauseSchema = z
  .object({
    logicalId: z.string().max(512),
    resourceType: z.string().max(256),
    status: z.string().max(64),
    reason: z.string().max(4096),
    timestamp: iso,
  })
  .strict();
export type RootCause = z.output<typeof rootCauseSchema>;

export const runProgressSchema = z
  .object({
    /** Resources CloudFormation has finished (complete or failed) in this execution. */
    resourcesDone: z.number().int().nonnegative(),
    /** The change set's change count; 0 when not known. */
    resourcesTotal: z.number().int().nonnegative(),
    /** 0–100; null while nothing is known. */
    percent: z.number().min(0).max(100).nullable(),
    startedAt: iso,
    elapsedMs: z.number().int().nonnegative(),
    /** The stack status last seen. */
    stackStatus: z.string().max(64).optional(),
    /** AWS could not be reached (throttling, connection lost): the app keeps trying. */
    reconnecting: z.boolean(),
    /** One line for a progress bar's label. */
    message: z.string().max(500),
  })
  .strict();
export type RunProgress = z.output<typeof runProgressSchema>;

export const changeSetRefSchema = z
  .object({
    name: z.string().max(128),
    id: z.string().max(2048).optional(),
    /** False for a change set the vendor created: the app never deletes it. */
    createdByRun: z.boolean(),
    status: z.string().max(64).optional(),
    statusReason: z.string().max(4096).optional(),
  })
  .strict();
export type ChangeSetRef = z.output<typeof changeSetRefSchema>;

/** A resource a failed rollback could not roll back: ContinueUpdateRollback may skip it. */
export const failedResourceSchema = z
  .object({
    logicalId: z.string().max(512),
    resourceType: z.string().max(256),
    reason: z.string().max(4096).optional(),
  })
  .strict();
export type FailedResource = z.output<typeof failedResourceSchema>;

/**
 * What the run waits for from the admin: values and an acknowledgement, the confirmation that
 * names the stack and the account, the resources to skip in a rollback, or a resume once the
 * cause of a pause (expired credentials, say) is fixed.
 */
export const awaitingSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('input'),
      stackName: z.string().max(128),
      missingParameters: z.array(missingParameterSchema).max(200),
      /** To acknowledge (empty when the template needs none). */
      capabilities: z.array(capabilitySchema).max(3),
      /** The IAM resources the acknowledgement is about. */
      capabilityResources: z.array(capabilityResourceSchema).max(2000),
      capabilitiesReason: z.string().max(4000).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('confirmation'),
      /** The admin must name both, exactly. */
      stackName: z.string().max(128),
      accountId: z.string().regex(/^\d{12}$/),
      changeSetName: z.string().max(128),
    })
    .strict(),
  z
    .object({
      kind: z.literal('recovery'),
      stackName: z.string().max(128),
      failedResources: z.array(failedResourceSchema).max(500),
      /** What skipping means, in plain words. */
      consequence: z.string().max(2000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('resume'),
      reason: appErrorSchema,
    })
    .strict(),
]);
export type Awaiting = z.output<typeof awaitingSchema>;

export const stackStepStateSchema = z.object({ step: applyStepSchema, state: stepStateSchema }).strict();
export type StackStepState = z.output<typeof stackStepStateSchema>;

export const applyStackViewSchema = z
  .object({
    kind: stackKindSchema,
    stackName: z.string().min(1).max(128),
    updateId: updateIdSchema,
    source: updateSourceSchema,
    templateSha256: sha256.optional(),
    templateName: z.string().max(255).optional(),
    phase: stackPhaseSchema,
    /** One entry per wizard screen, in order. */
    steps: z.array(stackStepStateSchema).max(APPLY_STEPS.length),
    changeSet: changeSetRefSchema.optional(),
    preflight: preflightReportSchema.optional(),
    review: reviewSummarySchema.optional(),
    progress: runProgressSchema.optional(),
    timeline: z.array(timelineEntrySchema).max(MAX_TIMELINE),
    /** Newest last. */
    recentEvents: z.array(runEventSchema).max(MAX_RECENT_EVENTS),
    rootCause: z.array(rootCauseSchema).max(MAX_ROOT_CAUSES),
    /** The stack status the run ended this stack with. */
    finalStatus: z.string().max(64).optional(),
    startedAt: iso.optional(),
    endedAt: iso.optional(),
    error: appErrorSchema.optional(),
  })
  .strict();
export type ApplyStackView = z.output<typeof applyStackViewSchema>;

export const applyRunViewSchema = z
  .object({
    id: applyRunIdSchema,
    cellId: z.string().min(1).max(64),
    cellName: z.string().min(1).max(128),
    accountId: z.string().regex(/^\d{12}$/),
    region: z.string().max(32),
    /** Who started it (sts:GetCallerIdentity). */
    callerArn: z.string().max(2048),
    label: z.string().min(1).max(200),
    /** The pending updates this run applies. */
    covers: z.array(updateIdSchema).min(1).max(100),
    createdAt: iso,
    updatedAt: iso,
    finishedAt: iso.optional(),
    status: runStatusSchema,
    outcome: runOutcomeSchema.optional(),
    /** Index into `stacks` of the stack the run is at (the last one once finished). */
    currentStack: z.number().int().min(0).max(1),
    currentStep: applyStepSchema.optional(),
    awaiting: awaitingSchema.optional(),
    stacks: z.array(applyStackViewSchema).min(1).max(2),
    /** What the admin should read first: what is happening, or what went wrong. */
    message: z.string().max(2000),
    error: appErrorSchema.optional(),
    /** Gitpod maintenance around the run, when the admin asked for it. */
    maintenance: maintenanceViewSchema.optional(),
  })
  .strict();
export type ApplyRunView = z.output<typeof applyRunViewSchema>;

/** A run in History. */
export const applyRunSummarySchema = z
  .object({
    id: applyRunIdSchema,
    cellId: z.string().min(1).max(64),
    cellName: z.string().min(1).max(128),
    accountId: z.string().regex(/^\d{12}$/),
    label: z.string().min(1).max(200),
    callerArn: z.string().max(2048),
    createdAt: iso,
    finishedAt: iso.optional(),
    status: runStatusSchema,
    outcome: runOutcomeSchema.optional(),
    stacks: z
      .array(z.object({ stackName: z.string().max(128), phase: stackPhaseSchema }).strict())
      .min(1)
      .max(2),
  })
  .strict();
export type ApplyRunSummary = z.output<typeof applyRunSummarySchema>;

/** A run file that could not be used, as History reports it. */
export const applyJournalNoticeSchema = z
  .object({
    file: z.string().max(4096),
    message: z.string().max(2000),
    backupPath: z.string().max(4096).optional(),
  })
  .strict();
export type ApplyJournalNotice = z.output<typeof applyJournalNoticeSchema>;

/** Values for new parameters and the acknowledgement of capabilities. */
export const applyInputRequestSchema = z
  .object({
    runId: applyRunIdSchema,
    parameterValues: z.record(z.string().min(1).max(255), z.string().max(4096)).optional(),
    acknowledgeCapabilities: z.boolean(),
  })
  .strict();
export type ApplyInputRequest = z.output<typeof applyInputRequestSchema>;

/** The confirmation that names the stack and the account; anything else is refused. */
export const applyConfirmationRequestSchema = z
  .object({
    runId: applyRunIdSchema,
    stackName: z.string().trim().min(1).max(128),
    accountId: z.string().trim().min(1).max(32),
  })
  .strict();
export type ApplyConfirmationRequest = z.output<typeof applyConfirmationRequestSchema>;

export const applyRecoveryRequestSchema = z
  .object({
    runId: applyRunIdSchema,
    /** Logical ids of resources in UPDATE_FAILED to skip; may be empty. */
    resourcesToSkip: z.array(z.string().min(1).max(512)).max(500),
  })
  .strict();
export type ApplyRecoveryRequest = z.output<typeof applyRecoveryRequestSchema>;

export const applyRunRefSchema = z.object({ runId: applyRunIdSchema }).strict();
export type ApplyRunRef = z.output<typeof applyRunRefSchema>;
