import { z } from 'zod';

/** One line of a stack's event history (DescribeStackEvents), newest first. */
export const stackEventSchema = z
  .object({
    id: z.string().max(256),
    timestamp: z.string().datetime(),
    logicalId: z.string().max(512),
    resourceType: z.string().max(256),
    status: z.string().max(64),
    reason: z.string().max(4096).optional(),
    /** True for the failed states, so the UI can make them stand out. */
    failed: z.boolean(),
  })
  .strict();
export type StackEvent = z.output<typeof stackEventSchema>;

export const stackEventsSchema = z
  .object({
    stackName: z.string().max(128),
    events: z.array(stackEventSchema).max(100),
    /** True when older events exist beyond this first page. */
    more: z.boolean(),
  })
  .strict();
export type StackEvents = z.output<typeof stackEventsSchema>;
