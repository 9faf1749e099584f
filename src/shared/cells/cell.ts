import { z } from 'zod';
import type { StackKind } from './stack-report';

/** The IAM role the role stack creates and the instance stack is deployed with. */
export const GITPOD_ROLE_NAME = 'GitpodSetupAndInitialEKSUserAdmin';

const stackName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'a CloudFormation stack name (letters, digits and hyphens)');

/** An https origin only: the cell's web address. Plain http would leak tokens later on. */
export const cellDomainSchema = z
  .string()
  .max(253)
  .transform((value, ctx) => {
    const candidate = /^[a-z]+:\/\//i.test(value) ? value : `https://${value}`;
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a valid domain' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'the cell is reached over https only' });
      return z.NEVER;
    }
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search) {
      ctx.addIssue({ code: 'custom', message: 'give the domain only, without path, query or credentials' });
      return z.NEVER;
    }
    return url.host;
  });

/**
 * The Gitpod organization whose maintenance is shown. Optional: without it the app uses the
 * only organization the token sees. An id, not a name, so renaming the organization is harmless.
 */
export const organizationIdSchema = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'a Gitpod organization ID (a UUID such as 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)',
  );

const cellFields = z
  .object({
    /** Stable id, so renaming a cell keeps its history. */
    id: z.string().uuid(),
    name: z.string().trim().min(1).max(60),
    /** The AWS profile; absent means the default credential chain (env, then "default"). */
    profile: z.string().min(1).max(128).optional(),
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as eu-central-1'),
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    roleStack: stackName.optional(),
    instanceStack: stackName.optional(),
    /** The cell's web host, e.g. gitpod.example.com (stored without scheme). */
    domain: cellDomainSchema.optional(),
    /** The Gitpod organization to read maintenance for; absent: the only one the token sees. */
    organizationId: organizationIdSchema.optional(),
  })
  .strict();

function hasAStack(cell: { roleStack?: string | undefined; instanceStack?: string | undefined }): boolean {
  return cell.roleStack !== undefined || cell.instanceStack !== undefined;
}
const needsAStack = { message: 'a cell needs its role stack, its instance stack, or both' };

export const cellSchema = cellFields.refine(hasAStack, needsAStack);
/** A cell before it is saved: main gives it its id. */
export const cellDraftSchema = cellFields.omit({ id: true }).strict().refine(hasAStack, needsAStack);

export type Cell = z.output<typeof cellSchema>;
export type CellInput = z.input<typeof cellSchema>;
export type CellDraft = z.input<typeof cellDraftSchema>;

/** The cell's stacks in update order: the role stack always comes first. */
export function cellStacks(cell: Cell): Array<{ kind: StackKind; name: string }> {
  const stacks: Array<{ kind: StackKind; name: string }> = [];
  if (cell.roleStack) stacks.push({ kind: 'role', name: cell.roleStack });
  if (cell.instanceStack) stacks.push({ kind: 'instance', name: cell.instanceStack });
  return stacks;
}
