import {
  type ChangeSetReview,
  GROUP_KEYS,
  REVIEW_ACTIONS,
  type ReviewChange,
} from '../../../../shared/apply/review';

/** A Markdown table cell: pipes escaped, line breaks flattened, long text cut. */
function cell(text: string | undefined, max = 300): string {
  const flat = (text ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function code(text: string): string {
  return text === '' ? '' : `\`${text.replace(/`/g, "'")}\``;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

const ACTION_WORDS: Record<ReviewChange['action'], string> = {
  Add: 'Add',
  Modify: 'Modify',
  Remove: 'Remove',
  Import: 'Import',
  Dynamic: 'Dynamic (decided during the update)',
  SyncWithActual: 'Sync with actual',
};

function changeRow(change: ReviewChange): string[] {
  const properties = change.details
    .map((detail) => detail.name ?? detail.path ?? detail.attribute)
    .filter((name, index, all) => all.indexOf(name) === index)
    .slice(0, 8)
    .join(', ');
  return [
    code(cell(change.logicalId)),
    cell(change.resourceType),
    cell(change.physicalId),
    change.replacement ?? '',
    cell(properties || change.scope.join(', ')),
    change.risk ? `⚠ ${change.risk.kind}` : '',
  ];
}

/**
 * The review as Markdown, for the evidence and for pasting into a ticket: the summary, the
 * risks in plain words, the IAM and security-group tables with broadening changes marked,
 * then every change by action. The template diff stays in the JSON export, where its size does
 * not matter. Built line by line into one array: linear in the number of changes.
 */
export function reviewToMarkdown(review: ChangeSetReview): string {
  const { summary } = review;
  const out: string[] = [
    `# Change set review: ${review.changeSetName || review.changeSetId}`,
    '',
    `- Stack: ${code(review.stackName)}${review.stackId ? ` (${review.stackId})` : ''}`,
    `- Change set: ${review.changeSetId}`,
    `- Status: ${review.status} / ${review.executionStatus}${review.statusReason ? ` (${cell(review.statusReason, 500)})` : ''}`,
  ];
  if (review.description) out.push(`- Description: ${cell(review.description, 1000)}`);
  if (review.createdAt) out.push(`- Created: ${review.createdAt}`);
  if (review.capabilities.length > 0) out.push(`- Capabilities: ${review.capabilities.join(', ')}`);
  out.push(`- Reviewed: ${review.generatedAt}`, '', '## Summary', '');
  out.push(
    ...table(
      ['Changes', 'Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'Replacements', 'May be replaced', 'Risks'],
      [
        [summary.total, summary.add, summary.modify, summary.remove, summary.import, summary.dynamic]
          .map(String)
          .concat([
            String(summary.replacements),
            String(summary.conditionalReplacements),
            String(summary.risks),
          ]),
      ],
    ),
  );
  if (review.truncated) {
    const listed = Object.values(review.groups).reduce((sum, group) => sum + group.length, 0);
    out.push('', `Only the first ${listed} changes are listed; the counts include all ${summary.total}.`);
  }
  if (summary.broadening) {
    out.push(
      '',
      '**⚠ This change set broadens permissions (IAM or network access). Approve it explicitly.**',
    );
  }

  const risky = REVIEW_ACTIONS.flatMap((action) => review.groups[GROUP_KEYS[action]]).filter((c) => c.risk);
  out.push('', `## Risks (${risky.length})`, '');
  if (risky.length === 0) out.push('No resource is replaced or removed.');
  for (const change of risky)
    out.push(`- **${change.risk?.kind}** ${code(change.logicalId)}: ${change.risk?.explanation}`);

  const { permissions } = review;
  out.push('', '## IAM changes', '');
  if (permissions.source === 'unavailable')
    out.push(`Not analysed: ${permissions.note ?? 'the templates were not available'}.`);
  else if (permissions.iamStatements.length === 0 && permissions.managedPolicies.length === 0)
    out.push('None.');
  if (permissions.iamStatements.length > 0) {
    out.push(
      ...table(
        ['', 'Resource', 'Effect', 'Action', 'Principal', 'Condition', 'Broadening'],
        permissions.iamStatements.map((row) => [
          row.change === 'added' ? '+' : '-',
          cell(row.resource),
          cell(row.effect),
          cell(row.action),
          cell(row.principal),
          cell(row.condition),
          row.broadening ? '⚠ yes' : '',
        ]),
      ),
    );
  }
  if (permissions.managedPolicies.length > 0) {
    out.push(
      '',
      ...table(
        ['', 'Identity', 'Managed policy', 'Broadening'],
        permissions.managedPolicies.map((row) => [
          row.change === 'added' ? '+' : '-',
          cell(row.identity),
          cell(row.policyArn),
          row.broadening ? '⚠ yes' : '',
        ]),
      ),
    );
  }
  out.push('', '## Security group changes', '');
  if (permissions.securityGroupRules.length === 0)
    out.push(permissions.source === 'unavailable' ? 'Not analysed.' : 'None.');
  else {
    out.push(
      ...table(
        ['', 'Group', 'Direction', 'Protocol', 'Peer', 'Broadening'],
        permissions.securityGroupRules.map((row) => [
          row.change === 'added' ? '+' : '-',
          cell(row.group),
          row.direction,
          cell(row.protocol),
          cell(row.peer),
          row.broadening ? '⚠ yes' : '',
        ]),
      ),
    );
  }

  out.push('', '## Changes');
  for (const action of REVIEW_ACTIONS) {
    const group = review.groups[GROUP_KEYS[action]];
    if (group.length === 0) continue;
    out.push('', `### ${ACTION_WORDS[action]} (${group.length})`, '');
    out.push(
      ...table(
        ['Logical id', 'Type', 'Physical id', 'Replacement', 'What changes', 'Risk'],
        group.map(changeRow),
      ),
    );
  }
  if (review.templateDiff.available) {
    out.push('', `Template differences: ${review.templateDiff.entries.length} entries (in the JSON export).`);
  }
  out.push('');
  return out.join('\n');
}

/** The review as pretty JSON: everything, including property values and the template diff. */
export function reviewToJson(review: ChangeSetReview): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
