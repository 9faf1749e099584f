import type { ReactElement } from 'react';
import type { ReviewSummary } from '../../../../shared/apply/review';
import { formatCount, plural } from '../../apply/apply-labels';

/** "3 changes: 1 to add, 1 to modify, 1 to remove." */
export function summarySentence(summary: ReviewSummary): string {
  const parts = [
    [summary.add, 'to add'],
    [summary.modify, 'to modify'],
    [summary.remove, 'to remove'],
    [summary.import, 'to import'],
    [summary.dynamic, 'decided during the update'],
    [summary.sync, 'to sync with the actual resource'],
  ] as const;
  const listed = parts
    .filter(([count]) => count > 0)
    .map(([count, words]) => `${formatCount(count)} ${words}`);
  return `${plural(summary.total, 'change')}${listed.length > 0 ? `: ${listed.join(', ')}` : ''}.`;
}

/** The review's counts, all in words. */
export function ReviewSummaryFacts({ summary }: { summary: ReviewSummary }): ReactElement {
  const facts: Array<[string, string]> = [
    ['Add', formatCount(summary.add)],
    ['Modify', formatCount(summary.modify)],
    ['Remove', formatCount(summary.remove)],
    ...(summary.import > 0 ? ([['Import', formatCount(summary.import)]] as Array<[string, string]>) : []),
    ...(summary.dynamic > 0
      ? ([['Decided during the update', formatCount(summary.dynamic)]] as Array<[string, string]>)
      : []),
    ...(summary.sync > 0 ? ([['Sync', formatCount(summary.sync)]] as Array<[string, string]>) : []),
    ['Replaced', formatCount(summary.replacements)],
    ['May be replaced', formatCount(summary.conditionalReplacements)],
    ['Removed', formatCount(summary.removals)],
    ['IAM changes', formatCount(summary.iamChanges)],
    ['Security-group changes', formatCount(summary.securityGroupChanges)],
    ['Broadens access', summary.broadening ? 'Yes' : 'No'],
  ];
  return (
    <>
      <p className="apply-screen__lead">{summarySentence(summary)}</p>
      <dl className="facts review-counts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
