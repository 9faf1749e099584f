import type { ReactElement, ReactNode } from 'react';
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

interface PermissionRow {
  readonly change: 'added' | 'removed';
  readonly broadening: boolean;
}

/** One table of permission changes: what changed, whether it broadens access, then its facts. */
function PermissionTable<Row extends PermissionRow>({
  caption,
  columns,
  rows,
  cells,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly Row[];
  cells: (row: Row) => ReactNode[];
}): ReactElement | null {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table permission-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Broadens</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows have no id; the table is fixed.
            <tr key={index} className={row.broadening ? 'permission-table__broadening' : undefined}>
              <th scope="row">
                <Change change={row.change} />
              </th>
              <td>
                <Broadening broadening={row.broadening} />
              </td>
              {cells(row).map((cell, column) => (
                <td key={columns[column]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
      <PermissionTable
        caption="IAM policy statements"
        columns={['Resource', 'Effect', 'Action', 'Principal', 'Condition']}
        rows={iamStatements}
        cells={(row) => [
          <code key="resource">{row.resource}</code>,
          row.effect,
          <code key="action">{row.action}</code>,
          <code key="principal">{row.principal}</code>,
          row.condition ? <code key="condition">{row.condition}</code> : '—',
        ]}
      />
      <PermissionTable
        caption="Managed policies"
        columns={['Role, user or group', 'Policy']}
        rows={managedPolicies}
        cells={(row) => [
          <code key="identity">{row.identity}</code>,
          <code key="policy">{row.policyArn}</code>,
        ]}
      />
      <PermissionTable
        caption="Security-group rules"
        columns={['Group', 'Direction', 'Protocol and port', 'Peer']}
        rows={securityGroupRules}
        cells={(row) => [
          <code key="group">{row.group}</code>,
          row.direction === 'ingress' ? 'Inbound' : 'Outbound',
          row.protocol,
          row.peer,
        ]}
      />
    </>
  );
}
