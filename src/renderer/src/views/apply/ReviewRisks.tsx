import { type ReactElement, useState } from 'react';
import {
  type ChangeSetReview,
  GROUP_KEYS,
  REVIEW_ACTIONS,
  type ReviewChange,
  type RiskKind,
} from '../../../../shared/apply/review';
import { formatCount, RISK_WORDS } from '../../apply/apply-labels';

const SHOWN = 50;
const ORDER: Record<RiskKind, number> = { replacement: 0, removal: 1, 'conditional-replacement': 2 };

/** Every change that carries a risk, replacements first, then removals, then possible replacements. */
export function riskyChanges(
  review: ChangeSetReview,
): Array<ReviewChange & { risk: NonNullable<ReviewChange['risk']> }> {
  const risky = REVIEW_ACTIONS.flatMap((action) => review.groups[GROUP_KEYS[action]]).filter(
    (change): change is ReviewChange & { risk: NonNullable<ReviewChange['risk']> } =>
      change.risk !== undefined,
  );
  return risky.sort((a, b) => ORDER[a.risk.kind] - ORDER[b.risk.kind]);
}

/** The changes that replace or remove a resource, each with what that means, before anything else. */
export function ReviewRisks({ review }: { review: ChangeSetReview }): ReactElement {
  const [all, setAll] = useState(false);
  const risky = riskyChanges(review);
  if (risky.length === 0) {
    return <p className="apply-callout apply-callout--ok">No resource is replaced or removed.</p>;
  }
  const shown = all ? risky : risky.slice(0, SHOWN);
  return (
    <>
      <ul className="risk-list">
        {shown.map((change) => (
          <li key={`${change.action}/${change.logicalId}`} className={`risk risk--${change.risk.kind}`}>
            <span
              className={`badge ${change.risk.kind === 'conditional-replacement' ? 'badge--attention' : 'badge--error'}`}
            >
              {RISK_WORDS[change.risk.kind]}
            </span>{' '}
            <code>{change.logicalId}</code> <span className="muted">({change.resourceType})</span>
            <p className="risk__explanation">{change.risk.explanation}</p>
          </li>
        ))}
      </ul>
      {risky.length > shown.length ? (
        <button type="button" className="button" onClick={() => setAll(true)}>
          Show all {formatCount(risky.length)} risks
        </button>
      ) : null}
    </>
  );
}
