import { z } from 'zod';

/**
 * The review of a change set before it is executed (issue 5, step 4): every change grouped by
 * action, the risks in plain words, IAM and security-group changes in their own tables, and a
 * side-by-side template diff. Made in core/apply/review from all pages of DescribeChangeSet.
 */

/** More changes than this are not kept (the review says it was truncated). */
export const MAX_REVIEW_CHANGES = 10_000;
/** Details kept per change; CloudFormation lists one per changed property path. */
export const MAX_DETAILS_PER_CHANGE = 200;
/** A before or after value longer than this is cut (its end replaced by "…"). */
export const MAX_VALUE_CHARS = 16_384;
export const MAX_DIFF_LINES = 5_000;

/** CloudFormation's ChangeAction values, in the order the review shows them. */
export const REVIEW_ACTIONS = ['Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'SyncWithActual'] as const;
export const reviewActionSchema = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.output<typeof reviewActionSchema>;

/** The key of each action's group in `ChangeSetReview.groups`. */
export const GROUP_KEYS = {
  Add: 'add',
  Modify: 'modify',
  Remove: 'remove',
  Import: 'import',
  Dynamic: 'dynamic',
  SyncWithActual: 'sync',
} as const satisfies Record<ReviewAction, string>;
export type ReviewGroupKey = (typeof GROUP_KEYS)[ReviewAction];

export const REPLACEMENTS = ['True', 'False', 'Conditional'] as const;

export const RISK_KINDS = ['replacement', 'conditional-replacement', 'removal'] as const;
export const riskKindSchema = z.enum(RISK_KINDS);
export type RiskKind = z.output<typeof riskKindSchema>;

export const reviewRiskSchema = z
  .object({
    kind: riskKindSchema,
    /** Plain words: what happens to the resource and why it matters. */
    explanation: z.string().min(1).max(2000),
  })
  .strict();
export type ReviewRisk = z.output<typeof reviewRiskSchema>;

const valueText = z.string().max(MAX_VALUE_CHARS + 1);

/** One ResourceChangeDetail: a property (or metadata, tags…) that changes, and why. */
export const reviewChangeDetailSchema = z
  .object({
    /** Properties, Metadata, CreationPolicy, UpdatePolicy, DeletionPolicy, UpdateReplacePolicy, Tags. */
    attribute: z.string().max(64),
    name: z.string().max(1024).optional(),
    path: z.string().max(2048).optional(),
    /** Never, Conditionally or Always. */
    requiresRecreation: z.string().max(32).optional(),
    /** Static or Dynamic. */
    evaluation: z.string().max(32).optional(),
    /** ResourceReference, ParameterReference, ResourceAttribute, DirectModification, Automatic… */
    changeSource: z.string().max(64).optional(),
    causingEntity: z.string().max(1024).optional(),
    beforeValue: valueText.optional(),
    afterValue: valueText.optional(),
  })
  .strict();
export type ReviewChangeDetail = z.output<typeof reviewChangeDetailSchema>;

export const reviewChangeSchema = z
  .object({
    action: reviewActionSchema,
    logicalId: z.string().max(255),
    physicalId: z.string().max(2048).optional(),
    resourceType: z.string().max(255),
    /** For Modify: whether CloudFormation replaces the resource. */
    replacement: z.enum(REPLACEMENTS).optional(),
    /** Properties, Metadata, Tags…: what part of the resource changes. */
    scope: z.array(z.string().max(64)).max(20),
    /** Delete, Retain, Snapshot, ReplaceAndDelete…: what happens to the old physical resource. */
    policyAction: z.string().max(64).optional(),
    details: z.array(reviewChangeDetailSchema).max(MAX_DETAILS_PER_CHANGE),
    /** More details than were kept. */
    detailsTruncated: z.boolean(),
    risk: reviewRiskSchema.optional(),
  })
  .strict();
export type ReviewChange = z.output<typeof reviewChangeSchema>;

const changeList = z.array(reviewChangeSchema).max(MAX_REVIEW_CHANGES);

/** The plus/minus of a row in the permission tables. */
export const permissionChangeSchema = z.enum(['added', 'removed']);

/** One IAM policy statement added or removed (as `cdk diff` shows it). */
export const iamStatementChangeSchema = z
  .object({
    change: permissionChangeSchema,
    resource: z.string().max(4096),
    effect: z.string().max(32),
    action: z.string().max(8192),
    principal: z.string().max(4096),
    condition: z.string().max(4096),
    /** Adds permissions: an Allow added, or a Deny removed. */
    broadening: z.boolean(),
  })
  .strict();
export type IamStatementChange = z.output<typeof iamStatementChangeSchema>;

export const managedPolicyChangeSchema = z
  .object({
    change: permissionChangeSchema,
    /** The role, user or group the policy is attached to. */
    identity: z.string().max(2048),
    policyArn: z.string().max(2048),
    broadening: z.boolean(),
  })
  .strict();
export type ManagedPolicyChange = z.output<typeof managedPolicyChangeSchema>;

export const securityGroupRuleChangeSchema = z
  .object({
    change: permissionChangeSchema,
    group: z.string().max(2048),
    direction: z.enum(['ingress', 'egress']),
    /** "TCP 443", "Everything", "All ICMP". */
    protocol: z.string().max(255),
    /** "Everyone (IPv4)", a CIDR, a security group or a prefix list. */
    peer: z.string().max(2048),
    /** An added rule lets more traffic through. */
    broadening: z.boolean(),
  })
  .strict();
export type SecurityGroupRuleChange = z.output<typeof securityGroupRuleChangeSchema>;

const MAX_PERMISSION_ROWS = 5_000;

export const permissionChangesSchema = z
  .object({
    /** 'unavailable' when the two templates were not both at hand (see `note`). */
    source: z.enum(['cloudformation-diff', 'unavailable']),
    iamStatements: z.array(iamStatementChangeSchema).max(MAX_PERMISSION_ROWS),
    managedPolicies: z.array(managedPolicyChangeSchema).max(MAX_PERMISSION_ROWS),
    securityGroupRules: z.array(securityGroupRuleChangeSchema).max(MAX_PERMISSION_ROWS),
    /** Some change adds permissions or opens traffic: it needs explicit approval. */
    broadened: z.boolean(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type PermissionChanges = z.output<typeof permissionChangesSchema>;

/** One template entry (a resource, a parameter, an output…) that differs, as canonical JSON lines. */
export const templateDiffEntrySchema = z
  .object({
    /** Resources, Parameters, Outputs, Conditions, Mappings… or the top-level key itself. */
    section: z.string().max(128),
    /** The entry's key within the section (empty for top-level values such as Description). */
    key: z.string().max(255),
    status: z.enum(['added', 'removed', 'modified']),
    before: z.array(z.string().max(MAX_VALUE_CHARS + 1)).max(MAX_DIFF_LINES),
    after: z.array(z.string().max(MAX_VALUE_CHARS + 1)).max(MAX_DIFF_LINES),
    /** Lines were cut to MAX_DIFF_LINES per side. */
    truncated: z.boolean(),
  })
  .strict();
export type TemplateDiffEntry = z.output<typeof templateDiffEntrySchema>;

export const templateDiffSchema = z
  .object({
    available: z.boolean(),
    note: z.string().max(2000).optional(),
    entries: z.array(templateDiffEntrySchema).max(MAX_REVIEW_CHANGES),
  })
  .strict();
export type TemplateDiffModel = z.output<typeof templateDiffSchema>;

export const reviewSummarySchema = z
  .object({
    /** Resource changes CloudFormation reported (also those past MAX_REVIEW_CHANGES). */
    total: z.number().int().nonnegative(),
    add: z.number().int().nonnegative(),
    modify: z.number().int().nonnegative(),
    remove: z.number().int().nonnegative(),
    import: z.number().int().nonnegative(),
    dynamic: z.number().int().nonnegative(),
    sync: z.number().int().nonnegative(),
    replacements: z.number().int().nonnegative(),
    conditionalReplacements: z.number().int().nonnegative(),
    removals: z.number().int().nonnegative(),
    /** Changes carrying a risk (replacements of both kinds, and removals). */
    risks: z.number().int().nonnegative(),
    iamChanges: z.number().int().nonnegative(),
    securityGroupChanges: z.number().int().nonnegative(),
    broadening: z.boolean(),
  })
  .strict();
export type ReviewSummary = z.output<typeof reviewSummarySchema>;

export const reviewParameterSchema = z
  .object({
    key: z.string().max(255),
    value: z.string().max(4096).optional(),
    resolvedValue: z.string().max(4096).optional(),
    usePreviousValue: z.boolean().optional(),
  })
  .strict();

export const changeSetReviewSchema = z
  .object({
    stackName: z.string().min(1).max(128),
    stackId: z.string().max(2048).optional(),
    changeSetId: z.string().min(1).max(2048),
    changeSetName: z.string().max(128),
    description: z.string().max(1024).optional(),
    status: z.string().max(64),
    executionStatus: z.string().max(64),
    statusReason: z.string().max(4096).optional(),
    createdAt: z.string().datetime().optional(),
    capabilities: z.array(z.string().max(64)).max(10),
    /** As DescribeChangeSet returns them: NoEcho values come masked by AWS. */
    parameters: z.array(reviewParameterSchema).max(200),
    generatedAt: z.string().datetime(),
    summary: reviewSummarySchema,
    /** Every change, grouped by action, in CloudFormation's order within a group. */
    groups: z
      .object({
        add: changeList,
        modify: changeList,
        remove: changeList,
        import: changeList,
        dynamic: changeList,
        sync: changeList,
      })
      .strict(),
    /** More than MAX_REVIEW_CHANGES changes: the rest are counted in `summary.total` only. */
    truncated: z.boolean(),
    permissions: permissionChangesSchema,
    templateDiff: templateDiffSchema,
  })
  .strict()
  .refine(
    (review) =>
      Object.values(review.groups).reduce((sum, group) => sum + group.length, 0) <= MAX_REVIEW_CHANGES,
    { message: `a review holds at most ${MAX_REVIEW_CHANGES} changes` },
  );
export type ChangeSetReview = z.output<typeof changeSetReviewSchema>;
