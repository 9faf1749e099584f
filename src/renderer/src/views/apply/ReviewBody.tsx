import { type ReactElement, type ReactNode, useId } from 'react';
import {
  type ChangeSetReview,
  GROUP_KEYS,
  MAX_REVIEW_CHANGES,
  REVIEW_ACTIONS,
} from '../../../../shared/apply/review';
import { ACTION_WORDS, formatCount, plural } from '../../apply/apply-labels';
import { ChangeList } from './ChangeList';
import { PermissionTables } from './PermissionTables';
import { ReviewRisks } from './ReviewRisks';
import { ReviewSummaryFacts } from './ReviewSummaryFacts';
import { TemplateDiff } from './TemplateDiff';

function Part({ title, children }: { title: string; children: ReactNode }): ReactElement {
  const id = useId();
  return (
    <section className="apply-subsection" aria-labelledby={id}>
      <h4 className="apply-subsection__title" id={id}>
        {title}
      </h4>
      {children}
    </section>
  );
}

/** A change set's review: counts, risks first, permissions, every change, the template diff, parameters. */
export function ReviewBody({ review }: { review: ChangeSetReview }): ReactElement {
  const hintId = useId();
  const groups = REVIEW_ACTIONS.map((action) => ({
    action,
    changes: review.groups[GROUP_KEYS[action]],
  })).filter((group) => group.changes.length > 0);

  return (
    <div className="review">
      <Part title="Summary">
        <ReviewSummaryFacts summary={review.summary} />
        <p className="muted">
          Change set <code>{review.changeSetName}</code>, status <code>{review.status}</code>
          {review.description ? `: ${review.description}` : ''}.
        </p>
      </Part>
      <Part title="Risks">
        <ReviewRisks review={review} />
      </Part>
      <Part title="IAM and security groups">
        <PermissionTables permissions={review.permissions} />
      </Part>
      <Part title="Changes">
        {review.truncated ? (
          <p className="apply-callout apply-callout--warning">
            CloudFormation reported {plural(review.summary.total, 'change')}; the review keeps the first{' '}
            {formatCount(MAX_REVIEW_CHANGES)}. The counts above include them all.
          </p>
        ) : null}
        {groups.length === 0 ? <p className="muted">The change set changes no resource.</p> : null}
        {groups.length > 0 ? (
          <p className="field__hint" id={hintId}>
            In a list, the arrow keys, Page Up, Page Down, Home and End move; Enter shows the change’s
            details.
          </p>
        ) : null}
        {groups.map(({ action, changes }) => (
          <div key={action} className="change-group">
            <h5 className="change-group__title">
              {ACTION_WORDS[action]} ({formatCount(changes.length)})
            </h5>
            <ChangeList
              changes={changes}
              label={`${ACTION_WORDS[action]}: ${plural(changes.length, 'change')}`}
              describedBy={hintId}
            />
          </div>
        ))}
      </Part>
      <Part title="Template diff">
        <TemplateDiff diff={review.templateDiff} />
      </Part>
      {review.parameters.length > 0 ? (
        <Part title="Parameters">
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Parameters of the change set</caption>
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {review.parameters.map((parameter) => (
                  <tr key={parameter.key}>
                    <th scope="row">
                      <code>{parameter.key}</code>
                    </th>
                    <td>
                      {parameter.value === undefined ? '—' : <code>{parameter.value}</code>}
                      {parameter.usePreviousValue ? <span className="muted"> (kept from before)</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Part>
      ) : null}
    </div>
  );
}
