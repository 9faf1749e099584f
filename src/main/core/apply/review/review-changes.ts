import type { Change, ResourceChange, ResourceChangeDetail } from '@aws-sdk/client-cloudformation';
import {
  type ChangeSetReview,
  GROUP_KEYS,
  MAX_DETAILS_PER_CHANGE,
  MAX_REVIEW_CHANGES,
  MAX_VALUE_CHARS,
  REPLACEMENTS,
  REVIEW_ACTIONS,
  type ReviewAction,
  type ReviewChange,
  type ReviewChangeDetail,
  type ReviewRisk,
} from '../../../../shared/apply/review';

export type ReviewGroups = ChangeSetReview['groups'];

export interface GroupedChanges {
  readonly groups: ReviewGroups;
  /** Resource changes CloudFormation reported, kept or not. */
  readonly total: number;
  readonly truncated: boolean;
}

function clip(value: string | undefined, max = MAX_VALUE_CHARS): string | undefined {
  if (value === undefined) return undefined;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function toDetail(detail: ResourceChangeDetail): ReviewChangeDetail {
  const target = detail.Target ?? {};
  const fields: Array<[keyof ReviewChangeDetail, string | undefined]> = [
    ['name', clip(target.Name, 1024)],
    ['path', clip(target.Path, 2048)],
    ['requiresRecreation', target.RequiresRecreation],
    ['evaluation', detail.Evaluation],
    ['changeSource', detail.ChangeSource],
    ['causingEntity', clip(detail.CausingEntity, 1024)],
    ['beforeValue', clip(target.BeforeValue)],
    ['afterValue', clip(target.AfterValue)],
  ];
  const out: Record<string, string> = { attribute: target.Attribute ?? 'Properties' };
  for (const [key, value] of fields) if (value !== undefined) out[key] = value;
  return out as ReviewChangeDetail;
}

/** The properties whose change forces (or may force) the replacement, for the explanation. */
function replacingProperties(details: readonly ReviewChangeDetail[]): string[] {
  const names = details
    .filter(
      (detail) => detail.requiresRecreation === 'Always' || detail.requiresRecreation === 'Conditionally',
    )
    .map((detail) => detail.name ?? detail.path ?? detail.attribute);
  return [...new Set(names)].slice(0, 5);
}

function what(change: { logicalId: string; resourceType: string; physicalId?: string }): string {
  const physical = change.physicalId ? `, now ${change.physicalId}` : '';
  return `${change.logicalId} (${change.resourceType}${physical})`;
}

/**
 * The risk of a change in plain words: replacements (a new resource is created and the old one
 * deleted, so its data and its physical id are at stake) and removals. `Conditional` means
 * CloudFormation can only tell during the update, so it is treated as a replacement that may
 * happen.
 */
export function riskOf(
  change: Pick<
    ReviewChange,
    'action' | 'logicalId' | 'resourceType' | 'physicalId' | 'replacement' | 'policyAction' | 'details'
  >,
): ReviewRisk | undefined {
  const subject = what(change);
  const retained = change.policyAction === 'Retain' || change.policyAction === 'ReplaceAndRetain';
  const snapshot = change.policyAction === 'Snapshot' || change.policyAction === 'ReplaceAndSnapshot';
  if (change.action === 'Remove') {
    const fate = retained
      ? 'It is removed from the stack but kept in the account (its DeletionPolicy is Retain).'
      : snapshot
        ? 'It is deleted after a final snapshot is taken.'
        : 'It is deleted, with whatever data it holds.';
    return { kind: 'removal', explanation: `${subject} is removed. ${fate}` };
  }
  if (change.action !== 'Modify') return undefined;
  const because = replacingProperties(change.details);
  const cause =
    because.length > 0 ? ` because ${because.join(', ')} change${because.length === 1 ? 's' : ''}` : '';
  const oldOne = retained
    ? 'the old one is kept in the account (Retain)'
    : snapshot
      ? 'the old one is deleted after a snapshot'
      : 'the old one is deleted, with whatever data it holds';
  if (change.replacement === 'True') {
    return {
      kind: 'replacement',
      explanation: `${subject} will be replaced${cause}: CloudFormation creates a new one and ${oldOne}. Its physical id (name, ARN) changes, so anything outside the stack that points to it must follow.`,
    };
  }
  if (change.replacement === 'Conditional') {
    return {
      kind: 'conditional-replacement',
      explanation: `${subject} may be replaced${cause}: it depends on a value CloudFormation only knows during the update. If it is, a new one is created and ${oldOne}.`,
    };
  }
  return undefined;
}

function isAction(value: string | undefined): value is ReviewAction {
  return (REVIEW_ACTIONS as readonly string[]).includes(value ?? '');
}

function toReviewChange(resource: ResourceChange): ReviewChange {
  const details = resource.Details ?? [];
  const kept = details.slice(0, MAX_DETAILS_PER_CHANGE).map(toDetail);
  const replacement = (REPLACEMENTS as readonly string[]).includes(resource.Replacement ?? '')
    ? (resource.Replacement as ReviewChange['replacement'])
    : undefined;
  const change: ReviewChange = {
    // An action this version does not know is shown as Dynamic: "can't be determined".
    action: isAction(resource.Action) ? resource.Action : 'Dynamic',
    logicalId: resource.LogicalResourceId ?? '',
    resourceType: resource.ResourceType ?? '',
    scope: (resource.Scope ?? []).slice(0, 20),
    details: kept,
    detailsTruncated: details.length > kept.length,
    ...(resource.PhysicalResourceId ? { physicalId: resource.PhysicalResourceId } : {}),
    ...(replacement ? { replacement } : {}),
    ...(resource.PolicyAction ? { policyAction: resource.PolicyAction } : {}),
  };
  const risk = riskOf(change);
  return risk ? { ...change, risk } : change;
}

/**
 * Groups the resource changes by action in one pass (CloudFormation's order kept within each
 * group), at most MAX_REVIEW_CHANGES of them; the rest are only counted.
 */
export function groupChanges(changes: readonly Change[]): GroupedChanges {
  const groups: ReviewGroups = { add: [], modify: [], remove: [], import: [], dynamic: [], sync: [] };
  let total = 0;
  let kept = 0;
  for (const change of changes) {
    const resource = change.ResourceChange;
    if (!resource) continue;
    total++;
    if (kept >= MAX_REVIEW_CHANGES) continue;
    const reviewed = toReviewChange(resource);
    groups[GROUP_KEYS[reviewed.action]].push(reviewed);
    kept++;
  }
  return { groups, total, truncated: total > kept };
}
