import { z } from 'zod';
import { stackKindSchema } from '../cells/stack-report';

/**
 * The checks made before a change set is created (issue 5, step 2), as the wizard, the CLI and
 * the run's journal see them. Made in core/apply/preflight; nothing here calls AWS.
 */

/** Every check, in the order they are shown. A report lists only the checks that were made. */
export const PREFLIGHT_CHECK_IDS = [
  'credentials',
  'stack-state',
  'execution-role',
  /** A vendor's pre-created change set: it exists, belongs to this stack and can be executed. */
  'change-set',
  'template-valid',
  'template-kind',
  'parameters',
  'capabilities',
  'template-size',
  'other-change-sets',
  'drift',
] as const;
export const preflightCheckIdSchema = z.enum(PREFLIGHT_CHECK_IDS);
export type PreflightCheckId = z.output<typeof preflightCheckIdSchema>;

/** `blocking` stops the run until fixed; `warning` is shown and may be accepted. */
export const PREFLIGHT_OUTCOMES = ['passed', 'warning', 'blocking'] as const;
export const preflightOutcomeSchema = z.enum(PREFLIGHT_OUTCOMES);
export type PreflightOutcome = z.output<typeof preflightOutcomeSchema>;

export const preflightCheckSchema = z
  .object({
    id: preflightCheckIdSchema,
    outcome: preflightOutcomeSchema,
    /** "Execution role", shown as the check's name. */
    title: z.string().min(1).max(200),
    /** What was found, in plain words. */
    reason: z.string().min(1).max(4000),
    /** What to do about it, for warnings and blocking checks. */
    fix: z.string().max(2000).optional(),
    /**
     * The app's error code when the check failed because AWS did (`offline`, `throttled`,
     * `sso-expired`…): the run retries or pauses on those instead of calling the update blocked.
     */
    errorCode: z.string().max(64).optional(),
  })
  .strict();
export type PreflightCheck = z.output<typeof preflightCheckSchema>;

/** CloudFormation's capability names (the Capability enum of the API). */
export const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
export const capabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.output<typeof capabilitySchema>;

/**
 * One entry of CreateChangeSet's `Parameters`, in the SDK's own shape so it can be sent as it
 * is: an existing parameter keeps its value (`UsePreviousValue: true`, no value), a new one
 * carries the value the admin gave.
 */
export const changeSetParameterSchema = z
  .object({
    ParameterKey: z.string().min(1).max(255),
    ParameterValue: z.string().max(4096).optional(),
    UsePreviousValue: z.boolean().optional(),
  })
  .strict();
export type ChangeSetParameter = z.output<typeof changeSetParameterSchema>;

/** A new template parameter without a default and without a value yet: the admin must give one. */
export const missingParameterSchema = z
  .object({
    key: z.string().min(1).max(255),
    description: z.string().max(4000).optional(),
    /** The template's `Type`, e.g. String or AWS::EC2::VPC::Id. */
    type: z.string().max(255).optional(),
    /** NoEcho: a secret. Ask for it in a password field, never show or log it. */
    noEcho: z.boolean(),
    allowedValues: z.array(z.string().max(4096)).max(200).optional(),
  })
  .strict();
export type MissingParameter = z.output<typeof missingParameterSchema>;

/** An IAM resource in the template: the reason capabilities must be acknowledged. */
export const capabilityResourceSchema = z
  .object({
    logicalId: z.string().min(1).max(255),
    type: z.string().min(1).max(255),
    /** True when it has a custom name (RoleName, UserName…), which needs CAPABILITY_NAMED_IAM. */
    named: z.boolean(),
  })
  .strict();
export type CapabilityResource = z.output<typeof capabilityResourceSchema>;

export const stackTagSchema = z
  .object({ Key: z.string().min(1).max(128), Value: z.string().max(256) })
  .strict();
export type StackTag = z.output<typeof stackTagSchema>;

/** A change set on the stack other than the one this run will execute. */
export const otherChangeSetSchema = z
  .object({
    name: z.string().max(128),
    id: z.string().max(2048),
    status: z.string().max(64),
    executionStatus: z.string().max(64),
    createdAt: z.string().datetime().optional(),
    description: z.string().max(1024).optional(),
  })
  .strict();
export type OtherChangeSet = z.output<typeof otherChangeSetSchema>;

export const DRIFTED_STATUSES = ['MODIFIED', 'DELETED'] as const;

/** A resource changed outside CloudFormation: the update will overwrite (or re-create) it. */
export const driftedResourceSchema = z
  .object({
    logicalId: z.string().max(255),
    physicalId: z.string().max(2048).optional(),
    type: z.string().max(255),
    status: z.enum(DRIFTED_STATUSES),
    /** The property paths that differ, e.g. "/Tags/0/Value" (at most 20 per resource). */
    differences: z.array(z.string().max(1024)).max(20),
  })
  .strict();
export type DriftedResource = z.output<typeof driftedResourceSchema>;

/** How the template reaches CloudFormation: inline as TemplateBody, or uploaded to S3 (TemplateURL). */
export const templateDeliverySchema = z.enum(['inline', 's3']);
export type TemplateDeliveryKind = z.output<typeof templateDeliverySchema>;

export const MAX_PREFLIGHT_PARAMETERS = 200;
export const MAX_CAPABILITY_RESOURCES = 2000;
export const MAX_OTHER_CHANGE_SETS = 50;
export const MAX_DRIFTED_RESOURCES = 2000;

export const preflightReportSchema = z
  .object({
    stackName: z.string().min(1).max(128),
    stackKind: stackKindSchema,
    /** The stack's ARN, once DescribeStacks found it. */
    stackId: z.string().max(2048).optional(),
    stackStatus: z.string().max(64).optional(),
    /** The role the stack was last deployed with (DescribeStacks RoleARN), if any. */
    stackRoleArn: z.string().max(2048).optional(),
    checkedAt: z.string().datetime(),
    checks: z.array(preflightCheckSchema).max(PREFLIGHT_CHECK_IDS.length),
    /** No check is blocking. */
    canProceed: z.boolean(),
    /** The stack is UPDATE_ROLLBACK_FAILED: guide ContinueUpdateRollback before anything else. */
    needsRecovery: z.boolean(),
    /**
     * What to send as CreateChangeSet `Parameters`. For a vendor change set: the values it was
     * created with (NoEcho ones as AWS masks them); nothing is sent.
     */
    parameters: z.array(changeSetParameterSchema).max(MAX_PREFLIGHT_PARAMETERS),
    /** Keys of NoEcho parameters: mask their values in anything shown, journaled or exported. */
    secretParameterKeys: z.array(z.string().max(255)).max(MAX_PREFLIGHT_PARAMETERS),
    missingParameters: z.array(missingParameterSchema).max(MAX_PREFLIGHT_PARAMETERS),
    /** CreateChangeSet `Capabilities`, to send only after the admin acknowledged them. */
    capabilities: z.array(capabilitySchema).max(CAPABILITIES.length),
    /** CloudFormation's CapabilitiesReason, when it gave one. */
    capabilitiesReason: z.string().max(4000).optional(),
    /** The IAM resources to name in the acknowledgement. */
    capabilityResources: z.array(capabilityResourceSchema).max(MAX_CAPABILITY_RESOURCES),
    delivery: templateDeliverySchema,
    /** UTF-8 bytes of the template (the imported one, or the change set's). */
    templateBytes: z.number().int().nonnegative(),
    /** Set when delivery is 's3' and the template was uploaded during the checks: send it as TemplateURL. */
    templateUrl: z.string().url().max(5120).optional(),
    /**
     * The ARN of GitpodSetupAndInitialEKSUserAdmin: from iam:GetRole, or (when IAM could not be
     * read) the stack's own RoleARN or the role's usual ARN. Null when the role does not exist.
     */
    executionRoleArn: z.string().max(2048).nullable(),
    /** The stack's tags, to pass on to CreateChangeSet so they are kept. */
    stackTags: z.array(stackTagSchema).max(50),
    otherChangeSets: z.array(otherChangeSetSchema).max(MAX_OTHER_CHANGE_SETS),
    /** Present when drift detection was asked for and completed (possibly partly). */
    driftedResources: z.array(driftedResourceSchema).max(MAX_DRIFTED_RESOURCES).optional(),
  })
  .strict();
export type PreflightReport = z.output<typeof preflightReportSchema>;
