import { type ReactElement, useId } from 'react';
import { MAX_DETAILS_PER_CHANGE, type ReviewChange } from '../../../../shared/apply/review';
import { ACTION_WORDS } from '../../apply/apply-labels';

const REPLACEMENT_WORDS = {
  True: 'Yes: CloudFormation creates a new resource and deletes the old one',
  False: 'No',
  Conditional: 'Maybe: it depends on values known only during the update',
} as const;

/** One change in full: what happens to the resource and each property that changes, before and after. */
export function ChangeDetails({
  change,
  onClose,
}: {
  change: ReviewChange;
  onClose: () => void;
}): ReactElement {
  const titleId = useId();
  return (
    <section className="change-details" aria-labelledby={titleId}>
      <div className="change-details__header">
        <p className="change-details__title" id={titleId}>
          {ACTION_WORDS[change.action]} <code>{change.logicalId}</code>
        </p>
        <button type="button" className="button button--small" onClick={onClose}>
          Close<span className="visually-hidden"> the details of {change.logicalId}</span>
        </button>
      </div>
      {change.risk ? <p className="change-details__risk">{change.risk.explanation}</p> : null}
      <dl className="facts">
        <div>
          <dt>Type</dt>
          <dd>{change.resourceType}</dd>
        </div>
        {change.physicalId ? (
          <div>
            <dt>Physical id</dt>
            <dd>
              <code>{change.physicalId}</code>
            </dd>
          </div>
        ) : null}
        {change.replacement ? (
          <div>
            <dt>Replaced</dt>
            <dd>{REPLACEMENT_WORDS[change.replacement]}</dd>
          </div>
        ) : null}
        {change.policyAction ? (
          <div>
            <dt>The old resource</dt>
            <dd>{change.policyAction}</dd>
          </div>
        ) : null}
        {change.scope.length > 0 ? (
          <div>
            <dt>What changes</dt>
            <dd>{change.scope.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      {change.details.length > 0 ? (
        <div className="table-wrap">
          <table className="table change-details__table">
            <caption>Properties that change</caption>
            <thead>
              <tr>
                <th scope="col">Property</th>
                <th scope="col">Re-creates the resource</th>
                <th scope="col">Because of</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {change.details.map((detail, index) => (
                // Details have no id: the same property may change for two reasons.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed while shown.
                <tr key={index}>
                  <th scope="row">
                    <code>{detail.path ?? detail.name ?? detail.attribute}</code>
                  </th>
                  <td>{detail.requiresRecreation ?? '—'}</td>
                  <td>{[detail.changeSource, detail.causingEntity].filter(Boolean).join(': ') || '—'}</td>
                  <td>{detail.beforeValue === undefined ? '—' : <code>{detail.beforeValue}</code>}</td>
                  <td>{detail.afterValue === undefined ? '—' : <code>{detail.afterValue}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {change.detailsTruncated ? (
        <p className="table-note">
          CloudFormation listed more property changes than the review keeps: the first{' '}
          {MAX_DETAILS_PER_CHANGE} are shown.
        </p>
      ) : null}
    </section>
  );
}
