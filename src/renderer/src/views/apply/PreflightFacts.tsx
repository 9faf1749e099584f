import type { ReactElement } from 'react';
import type { PreflightReport } from '../../../../shared/apply/preflight';
import { formatCount, plural } from '../../apply/apply-labels';

const DRIFT_WORDS = { MODIFIED: 'Changed outside CloudFormation', DELETED: 'Deleted outside CloudFormation' };

/** What preflight found out beside the checks: how the template goes, the role, other change sets, drift. */
export function PreflightFacts({ report }: { report: PreflightReport }): ReactElement {
  const drifted = report.driftedResources ?? [];
  return (
    <>
      <dl className="facts apply-facts">
        {report.stackStatus ? (
          <div>
            <dt>Stack status</dt>
            <dd>
              <code>{report.stackStatus}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Template</dt>
          <dd>
            {formatCount(report.templateBytes)} bytes,{' '}
            {report.delivery === 'inline' ? 'sent inline' : 'uploaded to S3 in the cell’s account'}
          </dd>
        </div>
        <div>
          <dt>Execution role</dt>
          <dd>{report.executionRoleArn ? <code>{report.executionRoleArn}</code> : 'Not found'}</dd>
        </div>
        {report.capabilities.length > 0 ? (
          <div>
            <dt>Capabilities to acknowledge</dt>
            <dd>{report.capabilities.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      {report.otherChangeSets.length > 0 ? (
        <div className="apply-subsection">
          <h4 className="apply-subsection__title">Other change sets on the stack</h4>
          <p className="muted">
            Executing this update makes {report.otherChangeSets.length === 1 ? 'it' : 'them'} obsolete.
          </p>
          <ul className="apply-plain-list">
            {report.otherChangeSets.map((changeSet) => (
              <li key={changeSet.id}>
                <code>{changeSet.name}</code> ({changeSet.status}, {changeSet.executionStatus})
                {changeSet.description ? ` — ${changeSet.description}` : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {drifted.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>
              Drifted resources ({plural(drifted.length, 'resource')}): the update overwrites or re-creates
              them
            </caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Type</th>
                <th scope="col">Drift</th>
                <th scope="col">Properties that differ</th>
              </tr>
            </thead>
            <tbody>
              {drifted.map((resource) => (
                <tr key={resource.logicalId}>
                  <th scope="row">
                    <code>{resource.logicalId}</code>
                  </th>
                  <td>{resource.type}</td>
                  <td>{DRIFT_WORDS[resource.status]}</td>
                  <td>{resource.differences.length > 0 ? resource.differences.join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
