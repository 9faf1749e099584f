import {
  type ChangeSetReview,
  GROUP_KEYS,
  REVIEW_ACTIONS,
  type ReviewAction,
  type ReviewChange,
} from '../../shared/apply/review';

/** How each action is marked in the terminal, as in `diff` and `cdk diff`. */
export const ACTION_MARKERS: Record<ReviewAction, string> = {
  Add: '+',
  Modify: '~',
  Remove: '-',
  Import: '>',
  Dynamic: '?',
  SyncWithActual: '=',
};

const ACTION_TITLES: Record<ReviewAction, string> = {
  Add: 'Add',
  Modify: 'Modify',
  Remove: 'Remove',
  Import: 'Import',
  Dynamic: 'Dynamic (decided during the update)',
  SyncWithActual: 'Sync with actual',
};

/** Changes listed in the terminal; the rest are counted (the app's review and its export have them all). */
export const MAX_LISTED_CHANGES = 200;
const MAX_PERMISSION_ROWS = 50;

function flat(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function changeLine(change: ReviewChange): string {
  const properties = change.details
    .map((detail) => detail.name ?? detail.path ?? detail.attribute)
    .filter((name, index, all) => all.indexOf(name) === index)
    .slice(0, 6);
  const what = properties.length > 0 ? properties.join(', ') : change.scope.join(', ');
  const parts = [`  ${ACTION_MARKERS[change.action]} ${change.logicalId}  ${change.resourceType}`];
  if (what) parts.push(`(${flat(what, 120)})`);
  if (change.replacement && change.replacement !== 'False') parts.push(`replacement: ${change.replacement}`);
  if (change.risk) parts.push(`⚠ ${change.risk.kind}`);
  return parts.join('  ');
}

function broadening(flag: boolean): string {
  return flag ? '  ⚠ broadening' : '';
}

/** Lines of the permission tables: one line per IAM statement, managed policy or rule. */
function permissionLines(review: ChangeSetReview): string[] {
  const { permissions } = review;
  const out: string[] = [];
  if (permissions.source === 'unavailable') {
    out.push(
      `IAM and security-group changes: not analysed (${flat(permissions.note ?? 'the templates were not both at hand', 300)}).`,
    );
    return out;
  }
  const iam = [
    ...permissions.iamStatements.map(
      (row) =>
        `  ${row.change === 'added' ? '+' : '-'} ${row.effect} ${flat(row.action, 120)} on ${flat(row.resource, 120)}${row.principal ? ` for ${flat(row.principal, 80)}` : ''}${row.condition ? ` when ${flat(row.condition, 80)}` : ''}${broadening(row.broadening)}`,
    ),
    ...permissions.managedPolicies.map(
      (row) =>
        `  ${row.change === 'added' ? '+' : '-'} managed policy ${flat(row.policyArn, 160)} on ${flat(row.identity, 120)}${broadening(row.broadening)}`,
    ),
  ];
  out.push(`IAM changes (${iam.length}):${iam.length === 0 ? ' none' : ''}`);
  out.push(...iam.slice(0, MAX_PERMISSION_ROWS));
  if (iam.length > MAX_PERMISSION_ROWS) out.push(`  … and ${iam.length - MAX_PERMISSION_ROWS} more`);
  const rules = permissions.securityGroupRules.map(
    (row) =>
      `  ${row.change === 'added' ? '+' : '-'} ${row.direction} ${flat(row.protocol, 60)} ${row.direction === 'ingress' ? 'from' : 'to'} ${flat(row.peer, 120)} on ${flat(row.group, 120)}${broadening(row.broadening)}`,
  );
  out.push(`Security group changes (${rules.length}):${rules.length === 0 ? ' none' : ''}`);
  out.push(...rules.slice(0, MAX_PERMISSION_ROWS));
  if (rules.length > MAX_PERMISSION_ROWS) out.push(`  … and ${rules.length - MAX_PERMISSION_ROWS} more`);
  return out;
}

/**
 * The review for the terminal: the counts, what broadens permissions, the risks in plain
 * words, the IAM and security-group changes, then the changes grouped by action and marked
 * `+ ~ -`. Compact where reviewToMarkdown is complete: a terminal lists the first
 * MAX_LISTED_CHANGES changes and counts the rest.
 */
export function reviewToText(review: ChangeSetReview): string {
  const { summary } = review;
  const counts = [
    summary.add > 0 ? `${summary.add} to add` : '',
    summary.modify > 0 ? `${summary.modify} to modify` : '',
    summary.remove > 0 ? `${summary.remove} to remove` : '',
    summary.import > 0 ? `${summary.import} to import` : '',
    summary.dynamic > 0 ? `${summary.dynamic} decided during the update` : '',
    summary.sync > 0 ? `${summary.sync} to sync` : '',
  ].filter(Boolean);
  const out: string[] = [
    `Review of change set ${review.changeSetName || review.changeSetId} on ${review.stackName}:`,
    `  ${plural(summary.total, 'change')}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}; ${plural(summary.risks, 'risk')}`,
  ];
  if (review.capabilities.length > 0) out.push(`  Capabilities: ${review.capabilities.join(', ')}`);
  if (summary.broadening) {
    out.push(
      '  ⚠ This change set broadens permissions (IAM or network access): approve it only if you expect it.',
    );
  }
  const all = REVIEW_ACTIONS.flatMap((action) => review.groups[GROUP_KEYS[action]]);
  const risky = all.filter((change) => change.risk);
  out.push(`Risks (${risky.length}):${risky.length === 0 ? ' no resource is replaced or removed' : ''}`);
  for (const change of risky.slice(0, MAX_PERMISSION_ROWS)) {
    out.push(`  ⚠ ${change.risk?.kind} ${change.logicalId}: ${flat(change.risk?.explanation ?? '', 400)}`);
  }
  if (risky.length > MAX_PERMISSION_ROWS) out.push(`  … and ${risky.length - MAX_PERMISSION_ROWS} more`);
  out.push(...permissionLines(review));
  out.push('Changes:');
  let listed = 0;
  for (const action of REVIEW_ACTIONS) {
    const group = review.groups[GROUP_KEYS[action]];
    if (group.length === 0) continue;
    out.push(` ${ACTION_TITLES[action]} (${group.length}):`);
    for (const change of group) {
      if (listed >= MAX_LISTED_CHANGES) break;
      out.push(changeLine(change));
      listed += 1;
    }
  }
  const unlisted = summary.total - listed;
  if (unlisted > 0) {
    out.push(
      `  … ${plural(unlisted, 'more change')} not listed here: the app's Apply view shows the full review and exports it.`,
    );
  }
  if (summary.total === 0) out.push('  none');
  return out.join('\n');
}
