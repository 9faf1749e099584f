import type { ReactElement } from 'react';
import type { PermissionChanges } from '../../../../shared/apply/review';

const CHANGE_WORDS = { added: 'Added', removed: 'Removed' } as const;
const CHANGE_MARKERS = { added: '+', removed: '−' } as const;

function Change({ change }: { change: 'added' | 'removed' }): ReactElement {
  return (
    <span className={`permission-change permission-change--${change}`}>
      <span aria-hidden="true">{CHANGE_MARKERS[change]} </span>
      {CHANGE_WORDS[change]}
    </span>
  );
}

function Broadening({ broadening }: { broadening: boolean }): ReactElement {
  return broadening ? (
    <span className="badge badge--error">Broadens</span>
  ) : (
    <span className="muted">No</span>
  );
}

/**
 * IAM and security-group changes in their own tables, as `cdk diff` shows them, each row that
 * widens access called "Broadens" in words.
 */
export function PermissionTables({ permissions }: { permissions: PermissionChanges }): ReactElement {
  const { iamStatements, managedPolicies, securityGroupRules } = permissions;
  const none = iamStatements.length + managedPolicies.length + securityGroupRules.length === 0;

  return (
    <>
      {permissions.broadened ? (
        <div className="apply-callout apply-callout--warning">
          <p className="apply-callout__title">
            <span aria-hidden="true">! </span>This update broadens access
          </p>
          <p>
            It adds permissions or opens network traffic: the rows marked “Broadens” below. Make sure each one
            is expected before you confirm.
          </p>
        </div>
      ) : null}
      {permissions.source === 'unavailable' ? (
        <p className="muted">
          {permissions.note ?? 'The IAM and security-group changes could not be worked out.'}
        </p>
      ) : none ? (
        <p className="muted">No IAM policy statement, managed policy or security-group rule changes.</p>
      ) : null}
      {iamStatements.length > 0 ? (
        <div className="table-wrap">
          <table className="table permission-table">
            <caption>IAM policy statements</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Broadens</th>
                <th scope="col">Resource</th>
                <th scope="col">Effect</th>
                <th scope="col">Action</th>
                <th scope="col">Principal</th>
                <th scope="col">Condition</th>
              </tr>
            </thead>
            <tbody>
              {iamStatements.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: statements have no id; the table is fixed.
                <tr key={index} className={row.broadening ? 'permission-table__broadening' : undefined}>
                  <th scope="row">
                    <Change change={row.change} />
                  </th>
                  <td>
                    <Broadening broadening={row.broadening} />
                  </td>
                  <td>
                    <code>{row.resource}</code>
                  </td>
                  <td>{row.effect}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>
                    <code>{row.principal}</code>
                  </td>
                  <td>{row.condition ? <code>{row.condition}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {managedPolicies.length > 0 ? (
        <div className="table-wrap">
          <table className="table permission-table">
            <caption>Managed policies</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Broadens</th>
                <th scope="col">Role, user or group</th>
                <th scope="col">Policy</th>
              </tr>
            </thead>
            <tbody>
              {managedPolicies.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: attachments have no id; the table is fixed.
                <tr key={index} className={row.broadening ? 'permission-table__broadening' : undefined}>
                  <th scope="row">
                    <Change change={row.change} />
                  </th>
                  <td>
                    <Broadening broadening={row.broadening} />
                  </td>
                  <td>
                    <code>{row.identity}</code>
                  </td>
                  <td>
                    <code>{row.policyArn}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {securityGroupRules.length > 0 ? (
        <div className="table-wrap">
          <table className="table permission-table">
            <caption>Security-group rules</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Broadens</th>
                <th scope="col">Group</th>
                <th scope="col">Direction</th>
                <th scope="col">Protocol and port</th>
                <th scope="col">Peer</th>
              </tr>
            </thead>
            <tbody>
              {securityGroupRules.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; the table is fixed.
                <tr key={index} className={row.broadening ? 'permission-table__broadening' : undefined}>
                  <th scope="row">
                    <Change change={row.change} />
                  </th>
                  <td>
                    <Broadening broadening={row.broadening} />
                  </td>
                  <td>
                    <code>{row.group}</code>
                  </td>
                  <td>{row.direction === 'ingress' ? 'Inbound' : 'Outbound'}</td>
                  <td>{row.protocol}</td>
                  <td>{row.peer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
