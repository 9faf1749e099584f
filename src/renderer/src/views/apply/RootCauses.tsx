import type { ReactElement } from 'react';
import type { ApplyRunView, ApplyStackView } from '../../../../shared/apply/run';

const DEFAULT_NEXT_STEP =
  'Fix what the reasons above name (often a permission of the execution role, or a limit in the account), then start the apply again. The stack is as it was before the update.';

/** Why a stack rolled back: the first failures, not the cancellations they caused, and what to do next. */
export function RootCauses({ run, stack }: { run: ApplyRunView; stack: ApplyStackView }): ReactElement {
  const nextStep = stack.error?.nextStep ?? run.error?.nextStep ?? DEFAULT_NEXT_STEP;
  return (
    <div className="apply-root-cause">
      {stack.rootCause.length > 0 ? (
        <div className="table-wrap">
          <table className="table events-table">
            <caption>What caused the rollback</caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {stack.rootCause.map((cause) => (
                <tr key={`${cause.logicalId}/${cause.timestamp}`} className="events-table__failed">
                  <th scope="row">
                    <code>{cause.logicalId}</code>
                  </th>
                  <td>{cause.resourceType}</td>
                  <td>
                    <code>{cause.status}</code>
                  </td>
                  <td>{cause.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{stack.error?.message ?? 'CloudFormation gave no reason for the failure in the stack events.'}</p>
      )}
      <p className="apply-next-step">
        <span className="apply-next-step__label">What to do next:</span> {nextStep}
      </p>
    </div>
  );
}
