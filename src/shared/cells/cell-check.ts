import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { stackKindSchema, stackReportSchema } from './stack-report';

/** A change set on one of the cell's stacks, as ListChangeSets summarises it. */
export const changeSetSeenSchema = z
  .object({
    stackKind: stackKindSchema,
    stackName: z.string().max(128),
    changeSetId: z.string().min(1).max(2048),
    changeSetName: z.string().max(128),
    /** CREATE_COMPLETE, FAILED, … */
    status: z.string().max(64),
    /** AVAILABLE, EXECUTE_COMPLETE, OBSOLETE, … */
    executionStatus: z.string().max(64).optional(),
    creationTime: z.string().datetime(),
    description: z.string().max(1024).optional(),
  })
  .strict();
export type ChangeSetSeen = z.output<typeof changeSetSeenSchema>;

/** The template a stack runs, as its canonical fingerprint (sha256 of the canonical form). */
export const deployedTemplateSchema = z
  .object({
    stackKind: stackKindSchema,
    stackName: z.string().max(128),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type DeployedTemplate = z.output<typeof deployedTemplateSchema>;

/**
 * What a check saw that tells pending updates from applied ones. Optional, so checks made
 * before it existed (and scripted ones in tests) stay valid.
 */
export const updateSignalsSchema = z
  .object({
    /** Every change set of the cell's stacks that was listed, newest first. */
    changeSets: z.array(changeSetSeenSchema).max(200),
    /**
     * The stacks whose change sets were all listed: only for these does a change set missing
     * from the list mean it is gone.
     */
    listedStacks: z.array(z.string().max(128)).max(2),
    /** The deployed templates that could be read and parsed. */
    deployedTemplates: z.array(deployedTemplateSchema).max(2),
  })
  .strict();
export type UpdateSignals = z.output<typeof updateSignalsSchema>;

/** What one check of a cell found: who we are there, its stacks, and what went wrong. */
export const cellCheckSchema = z
  .object({
    name: z.string().max(128),
    /** The account the credentials resolved to (null when they did not resolve). */
    account: z.string().max(12).nullable(),
    region: z.string().max(32),
    callerArn: z.string().max(2048).nullable(),
    stacks: z.array(stackReportSchema).max(2),
    errors: z.array(appErrorSchema).max(20),
    /** When the check finished (ISO time). */
    checkedAt: z.string().datetime(),
    /** Change sets and deployed templates, for pending updates; absent when the stacks could not be read. */
    updateSignals: updateSignalsSchema.optional(),
  })
  .strict();
export type CellCheck = z.output<typeof cellCheckSchema>;
