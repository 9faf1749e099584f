import { z } from 'zod';
import { stackKindSchema } from './stack-report';

export const stackCandidateSchema = z
  .object({
    kind: stackKindSchema,
    stackName: z.string().max(128),
    stackId: z.string().max(2048),
    status: z.string().max(64),
    /** Why this stack looks like the cell's role or instance stack, strongest reason first. */
    evidence: z.array(z.string().max(200)).max(10),
    score: z.number(),
  })
  .strict();
export type StackCandidate = z.output<typeof stackCandidateSchema>;

export const discoveryResultSchema = z
  .object({
    candidates: z.array(stackCandidateSchema).max(200),
    /** The best guess per kind, for the admin to confirm. */
    suggested: z
      .object({ role: z.string().max(128).optional(), instance: z.string().max(128).optional() })
      .strict(),
    stacksExamined: z.number().int().nonnegative(),
  })
  .strict();
export type DiscoveryResult = z.output<typeof discoveryResultSchema>;

/** Discovery as the setup wizard sees it: the stacks, and whose account they are in. */
export const discoveryReportSchema = discoveryResultSchema
  .extend({
    account: z.string().regex(/^\d{12}$/),
    callerArn: z.string().max(2048),
    region: z.string().max(32),
  })
  .strict();
export type DiscoveryReport = z.output<typeof discoveryReportSchema>;
