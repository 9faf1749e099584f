import { fullDiff, type TemplateDiff } from '@aws-cdk/cloudformation-diff';
// Not re-exported by the package index, but it is the very lookup TemplateDiff uses to decide
// which resources carry IAM or security-group content (see permissionModel). Imported with its
// .js extension: Node's ESM resolver (the built app and CLI) does not add one to a deep path.
import { loadResourceModel } from '@aws-cdk/cloudformation-diff/lib/diff/util.js';
import type { DescribeChangeSetOutput } from '@aws-sdk/client-cloudformation';
import type {
  IamStatementChange,
  ManagedPolicyChange,
  PermissionChanges,
  SecurityGroupRuleChange,
} from '../../../../shared/apply/review';
import { canonicalJson } from '../../templates/canonical';
import type { Template } from '../../templates/parse-template';

type Statement = TemplateDiff['iamChanges']['statements']['additions'][number];
type Rule = TemplateDiff['securityGroupChanges']['ingress']['additions'][number];

const MAX_ROWS = 5_000;
const MAX_CELL = 4_000;

function cell(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** What of a resource type the permission tables read: the whole resource, some properties, or nothing. */
type PermissionModel =
  | { readonly whole: true }
  | { readonly whole: false; readonly properties: readonly string[] };

const models = new Map<string, PermissionModel | undefined>();

function scrutinized(value: string | undefined): boolean {
  return value !== undefined && value !== 'None';
}

/**
 * Which part of a resource type can carry IAM statements, managed policies or security-group
 * rules, from its model in the AWS service spec: the whole resource when the type itself is
 * scrutinizable (an IAM::Policy, a BucketPolicy, a SecurityGroupIngress…), else its
 * scrutinizable properties (a Role's Policies, a SecurityGroup's SecurityGroupIngress, a
 * Queue's RedriveAllowPolicy…). TemplateDiff builds its IAM and security-group tables from
 * exactly these.
 */
function permissionModel(type: unknown): PermissionModel | undefined {
  if (typeof type !== 'string') return undefined;
  if (models.has(type)) return models.get(type);
  const model = loadResourceModel(type) as
    | { scrutinizable?: string; properties?: Record<string, { scrutinizable?: string }> }
    | undefined;
  let found: PermissionModel | undefined;
  if (model !== undefined && scrutinized(model.scrutinizable)) found = { whole: true };
  else if (model !== undefined) {
    const properties = Object.entries(model.properties ?? {})
      .filter(([, property]) => scrutinized(property.scrutinizable))
      .map(([name]) => name);
    if (properties.length > 0) found = { whole: false, properties };
  }
  models.set(type, found);
  return found;
}

interface TemplateResource {
  readonly Type?: unknown;
  readonly Properties?: Record<string, unknown>;
}

function resourcesOf(template: Template): Record<string, TemplateResource> {
  const resources = template.Resources;
  return typeof resources === 'object' && resources !== null
    ? (resources as Record<string, TemplateResource>)
    : {};
}

/** The resource with only the given properties: what a property-scrutiny table reads of it. */
function project(
  resource: TemplateResource | undefined,
  properties: readonly string[],
): TemplateResource | undefined {
  if (resource === undefined) return undefined;
  const kept: Record<string, unknown> = {};
  for (const name of properties) {
    if (resource.Properties && Object.hasOwn(resource.Properties, name))
      kept[name] = resource.Properties[name];
  }
  return { Type: resource.Type, Properties: kept };
}

function isEmpty(resource: TemplateResource | undefined): boolean {
  return resource === undefined || Object.keys(resource.Properties ?? {}).length === 0;
}

function same(a: TemplateResource | undefined, b: TemplateResource | undefined): boolean {
  return a !== undefined && b !== undefined && canonicalJson(a as Template) === canonicalJson(b as Template);
}

/**
 * The two templates cut down to what can change permissions, where it differs.
 * Why: `fullDiff` propagates every replaced resource through the whole template, once per
 * replacement and again until nothing changes, which is quadratic: 2,000 replaced resources
 * take seconds, 5,000 minutes. Its IAM and security-group tables are built, when the diff is
 * constructed, only from the scrutinizable part of each differing resource (a PropertyChange
 * carries just that property), so keeping only resources whose scrutinizable part differs,
 * and of property-scrutiny types only those properties, changes nothing in the tables while
 * leaving almost nothing to replace. Each resource is serialised once: linear overall.
 */
export function permissionSubset(
  oldTemplate: Template,
  newTemplate: Template,
): { oldTemplate: Template; newTemplate: Template; logicalIds: Set<string> } {
  const before = resourcesOf(oldTemplate);
  const after = resourcesOf(newTemplate);
  const keptOld: Record<string, TemplateResource> = {};
  const keptNew: Record<string, TemplateResource> = {};
  const logicalIds = new Set<string>();
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    let old = Object.hasOwn(before, id) ? before[id] : undefined;
    let next = Object.hasOwn(after, id) ? after[id] : undefined;
    const oldModel = permissionModel(old?.Type);
    const newModel = permissionModel(next?.Type);
    if (oldModel === undefined && newModel === undefined) continue;
    const typeChanged = old !== undefined && next !== undefined && old.Type !== next.Type;
    const model = typeChanged ? { whole: true as const } : (oldModel ?? newModel);
    if (model && !model.whole) {
      old = project(old, model.properties);
      next = project(next, model.properties);
      // Neither side has any of those properties: nothing for the tables to read.
      if (isEmpty(old) && isEmpty(next)) continue;
    }
    if (same(old, next)) continue;
    if (old !== undefined) keptOld[id] = old;
    if (next !== undefined) keptNew[id] = next;
    logicalIds.add(id);
  }
  return { oldTemplate: { Resources: keptOld }, newTemplate: { Resources: keptNew }, logicalIds };
}

function statementRow(statement: Statement, change: 'added' | 'removed'): IamStatementChange {
  const rendered = statement.render();
  // Permissions grow when an Allow is added or a Deny removed (IamChanges.permissionsBroadened).
  const broadening = change === 'added' ? !statement.isNegativeStatement : statement.isNegativeStatement;
  return {
    change,
    resource: cell(rendered.resource),
    effect: cell(rendered.effect),
    action: cell(rendered.action),
    principal: cell(rendered.principal),
    condition: cell(rendered.condition),
    broadening,
  };
}

function ruleRow(
  rule: Rule,
  change: 'added' | 'removed',
  direction: 'ingress' | 'egress',
): SecurityGroupRuleChange {
  return {
    change,
    group: cell(rule.groupId),
    direction,
    protocol: cell(rule.describeProtocol()),
    peer: cell(rule.describePeer()),
    broadening: change === 'added',
  };
}

/**
 * IAM and security-group changes, as `cdk diff` shows them, from @aws-cdk/cloudformation-diff:
 * `fullDiff(deployed, proposed, changeSet)` on the permission-relevant subset of both templates
 * and the change set's entries for those resources. Rows are read from the diff's collections
 * (`statement.render()`, `rule.describePeer()`), not from its `summarize*()` tables, which are
 * coloured for a terminal.
 */
export function permissionChanges(
  deployed: Template,
  proposed: Template,
  changeSet: DescribeChangeSetOutput,
): PermissionChanges {
  const subset = permissionSubset(deployed, proposed);
  const changes = (changeSet.Changes ?? []).filter((change) =>
    subset.logicalIds.has(change.ResourceChange?.LogicalResourceId ?? ''),
  );
  const diff = fullDiff(subset.oldTemplate, subset.newTemplate, { ...changeSet, Changes: changes });
  const iam = diff.iamChanges;
  const groups = diff.securityGroupChanges;
  const iamStatements = [
    ...iam.statements.additions.map((s) => statementRow(s, 'added')),
    ...iam.statements.removals.map((s) => statementRow(s, 'removed')),
  ].slice(0, MAX_ROWS);
  const managedPolicies: ManagedPolicyChange[] = [
    ...iam.managedPolicies.additions.map((p) => ({ change: 'added' as const, policy: p })),
    ...iam.managedPolicies.removals.map((p) => ({ change: 'removed' as const, policy: p })),
  ]
    .slice(0, MAX_ROWS)
    .map(({ change, policy }) => ({
      change,
      identity: cell(policy.identityArn),
      policyArn: cell(policy.managedPolicyArn),
      broadening: change === 'added',
    }));
  const securityGroupRules = [
    ...groups.ingress.additions.map((r) => ruleRow(r, 'added', 'ingress')),
    ...groups.ingress.removals.map((r) => ruleRow(r, 'removed', 'ingress')),
    ...groups.egress.additions.map((r) => ruleRow(r, 'added', 'egress')),
    ...groups.egress.removals.map((r) => ruleRow(r, 'removed', 'egress')),
  ].slice(0, MAX_ROWS);
  return {
    source: 'cloudformation-diff',
    iamStatements,
    managedPolicies,
    securityGroupRules,
    broadened: diff.permissionsBroadened,
  };
}

export function unavailablePermissions(note: string): PermissionChanges {
  return {
    source: 'unavailable',
    iamStatements: [],
    managedPolicies: [],
    securityGroupRules: [],
    broadened: false,
    note,
  };
}
