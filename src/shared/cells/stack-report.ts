import { z } from 'zod';

/** A stack's status in plain words; the words themselves are decided in core/cells/stack-status. */
export const STATUS_CATEGORIES = [
  'stable',
  'in-progress',
  'rolled-back',
  'failed',
  'needs-continue-rollback',
  'deleted',
  'unknown',
] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const statusExplanationSchema = z
  .object({
    category: z.enum(STATUS_CATEGORIES),
    /** One sentence for the admin. */
    words: z.string().max(500),
    /** True when CloudFormation would refuse an update now. */
    blocksUpdate: z.boolean(),
    /** What to do about it, when something must be done. */
    nextStep: z.string().max(500).optional(),
  })
  .strict();
export type StatusExplanation = z.output<typeof statusExplanationSchema>;

export const stackKindSchema = z.enum(['role', 'instance']);
export type StackKind = z.output<typeof stackKindSchema>;

const keyValue = z.object({ key: z.string().max(512), value: z.string().max(8192) }).strict();

export const stackReportSchema = z
  .object({
    kind: stackKindSchema,
    name: z.string().max(128),
    /** False when the cell names a stack the account does not have (deleted, or a typo). */
    found: z.boolean(),
    stackId: z.string().max(2048).optional(),
    status: z.string().max(64),
    explanation: statusExplanationSchema,
    lastUpdatedTime: z.string().datetime().optional(),
    description: z.string().max(4096).optional(),
    roleArn: z.string().max(2048).optional(),
    terminationProtection: z.boolean(),
    parameters: z
      .array(
        keyValue
          .extend({
            /** True where the template marks the parameter NoEcho: the value is then '****'. */
            masked: z.boolean(),
          })
          .strict(),
      )
      .max(500),
    outputs: z.array(keyValue.extend({ description: z.string().max(4096).optional() }).strict()).max(500),
    tags: z.array(keyValue).max(50),
  })
  .strict();
export type StackReport = z.output<typeof stackReportSchema>;
export type StackParameter = StackReport['parameters'][number];
