import { z } from 'zod';
import { stackKindSchema } from '../cells/stack-report';

/**
 * Pending infrastructure updates as the dashboard and the CLI show them. Derived in
 * core/updates from the cells' latest checks and the imported updates; nothing here is
 * stored as it is.
 */

/**
 * Stable across refreshes and restarts, and short enough for a navigation target (≤ 200
 * characters): a change set ARN can be longer, so ids are a prefix plus a hash, made in core.
 */
export const updateIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an update id');

/** Where an update came from: a change set the vendor created on a stack, or templates the admin imported. */
export const UPDATE_SOURCES = ['vendor-change-set', 'import'] as const;
export const updateSourceSchema = z.enum(UPDATE_SOURCES);
export type UpdateSource = z.output<typeof updateSourceSchema>;

/** The same states as core/updates/deadline (a test keeps the two lists equal). */
export const UPDATE_DEADLINE_STATES = ['on-track', 'due-soon', 'urgent', 'overdue'] as const;
export const deadlineStateSchema = z.enum(UPDATE_DEADLINE_STATES);
export type UpdateDeadlineState = z.output<typeof deadlineStateSchema>;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const isoTime = z.string().datetime();

/** One stack an update changes. */
export const updateStackSchema = z
  .object({
    kind: stackKindSchema,
    stackName: z.string().min(1).max(128),
    /** Set for a vendor change set: the change set to review and execute. */
    changeSetName: z.string().max(128).optional(),
    changeSetId: z.string().max(2048).optional(),
    /** Set for an import: sha256 of the template file, as `sha256sum` prints it. */
    templateSha256: sha256Schema.optional(),
    /** Set for an import: the file name the template came with. */
    templateName: z.string().max(255).optional(),
  })
  .strict();
export type UpdateStack = z.output<typeof updateStackSchema>;

export const pendingUpdateSchema = z
  .object({
    id: updateIdSchema,
    cellId: z.string().min(1).max(64),
    cellName: z.string().min(1).max(128),
    /** "Infrastructure Update v37". */
    label: z.string().min(1).max(200),
    source: updateSourceSchema,
    releasedAt: isoTime,
    /** Release + 14 days, or the date the vendor stated. */
    deadline: isoTime,
    deadlineOverridden: z.boolean(),
    state: deadlineStateSchema,
    /** The stacks still to update, in apply order: the role stack first. */
    stacks: z.array(updateStackSchema).min(1).max(2),
    notes: z.string().max(4000).optional(),
    changelogUrl: z.string().url().max(2048).optional(),
    /** Reminders for this update are held back until then (never past the deadline). */
    snoozedUntil: isoTime.optional(),
  })
  .strict();
export type PendingUpdate = z.output<typeof pendingUpdateSchema>;

/** One stack of the update to apply, with the pending update it comes from. */
export const applyStackSchema = updateStackSchema
  .extend({ updateId: updateIdSchema, source: updateSourceSchema })
  .strict();
export type ApplyStack = z.output<typeof applyStackSchema>;

/**
 * A cell's pending updates collapsed into the one to apply: for each stack the newest release's
 * template or change set, the role stack first, due at the earliest deadline of the updates it
 * covers (the oldest unapplied release's, unless the vendor moved a deadline).
 */
export const updateToApplySchema = z
  .object({
    cellId: z.string().min(1).max(64),
    cellName: z.string().min(1).max(128),
    /** The newest covered update's label. */
    label: z.string().min(1).max(200),
    /** The oldest covered release. */
    releasedAt: isoTime,
    deadline: isoTime,
    state: deadlineStateSchema,
    stacks: z.array(applyStackSchema).min(1).max(2),
    /** Every pending update this apply takes care of, oldest release first. */
    covers: z.array(updateIdSchema).min(1).max(100),
  })
  .strict();
export type UpdateToApply = z.output<typeof updateToApplySchema>;

/** How an update was seen to be applied. */
export const APPLIED_DETECTIONS = [
  /** The change set's ExecutionStatus became EXECUTE_COMPLETE. */
  'change-set-executed',
  /** Another change set (or update) was executed on the stack, which made this one OBSOLETE. */
  'change-set-obsolete',
  /** The change set left the listing after the stack was updated (AWS deletes executed change sets). */
  'change-set-removed-after-update',
  /** Every imported template equals the template its stack runs. */
  'template-deployed',
  /** The imported templates were already running when they were imported: nothing to apply. */
  'already-applied-when-imported',
] as const;
export const appliedDetectionSchema = z.enum(APPLIED_DETECTIONS);
export type AppliedDetection = z.output<typeof appliedDetectionSchema>;

/** An update seen applied, kept as history. */
export const appliedUpdateSchema = z
  .object({
    id: updateIdSchema,
    label: z.string().min(1).max(200),
    cellId: z.string().min(1).max(64),
    cellName: z.string().min(1).max(128),
    source: updateSourceSchema,
    releasedAt: isoTime,
    /** When the app saw it applied (the first check that showed it). */
    appliedAt: isoTime,
    detectedBy: appliedDetectionSchema,
    stacks: z.array(z.string().min(1).max(128)).max(2),
  })
  .strict();
export type AppliedUpdate = z.output<typeof appliedUpdateSchema>;

export const cellUpdatesSchema = z
  .object({
    cellId: z.string().min(1).max(64),
    cellName: z.string().min(1).max(128),
    /** The check the pending updates come from; null before the cell's first check. */
    checkedAt: isoTime.nullable(),
    /** Oldest release first. */
    pending: z.array(pendingUpdateSchema).max(100),
    toApply: updateToApplySchema.nullable(),
  })
  .strict();
export type CellUpdates = z.output<typeof cellUpdatesSchema>;

export const updatesNoticeSchema = z
  .object({
    message: z.string().max(2000),
    /** Where the unusable updates file was copied. */
    backupPath: z.string().max(4096).optional(),
  })
  .strict();
export type UpdatesNotice = z.output<typeof updatesNoticeSchema>;

/** What the Updates view shows. */
export const updatesStateSchema = z
  .object({
    cells: z.array(cellUpdatesSchema).max(50),
    /** Newest first. */
    history: z.array(appliedUpdateSchema).max(500),
    notice: updatesNoticeSchema.nullable(),
    /** True when imports and snoozes cannot be saved (the file could not be backed up, or is a newer app's). */
    readOnly: z.boolean(),
  })
  .strict();
export type UpdatesState = z.output<typeof updatesStateSchema>;

/** What an import did: each template with the stack it updates, and whether there is anything to apply. */
export const importOutcomeSchema = z
  .object({
    /** 'already-applied': every template is the one its stack runs; nothing was kept but a history entry. */
    status: z.enum(['pending', 'already-applied']),
    /** The pending update, when there is one. */
    update: pendingUpdateSchema.nullable(),
    templates: z
      .array(
        z
          .object({
            kind: stackKindSchema,
            stackName: z.string().min(1).max(128),
            name: z.string().min(1).max(255),
            sha256: sha256Schema,
            /** Whether the stack runs it already; null before the cell's stacks were read. */
            applied: z.boolean().nullable(),
            /** Why the content says it is this kind of template. */
            evidence: z.array(z.string().max(500)).max(5),
          })
          .strict(),
      )
      .min(1)
      .max(2),
  })
  .strict();
export type ImportOutcome = z.output<typeof importOutcomeSchema>;
