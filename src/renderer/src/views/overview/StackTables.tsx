import type { ReactElement } from 'react';
import type { StackReport } from '../../../../shared/cells/stack-report';

/** Parameters, outputs and tags, folded away: they matter when something looks wrong. */
export function StackTables({ report }: { report: StackReport }): ReactElement {
  const { parameters, outputs, tags } = report;
  return (
    <details className="stack__details">
      <summary>
        Parameters, outputs and tags ({parameters.length}, {outputs.length}, {tags.length})
      </summary>
      {report.description ? <p className="stack__description">{report.description}</p> : null}
      <KeyValueTable
        caption="Parameters"
        empty="No parameters."
        rows={parameters.map((parameter) => ({
          key: parameter.key,
          // A NoEcho value is never shown, whatever main sent in its place.
          value: parameter.masked ? (
            <em className="masked">hidden (NoEcho)</em>
          ) : (
            <code>{parameter.value}</code>
          ),
        }))}
      />
      <KeyValueTable
        caption="Outputs"
        empty="No outputs."
        withDescription
        rows={outputs.map((output) => ({
          key: output.key,
          value: <code>{output.value}</code>,
          description: output.description ?? '',
        }))}
      />
      <KeyValueTable
        caption="Tags"
        empty="No tags."
        rows={tags.map((tag) => ({ key: tag.key, value: <code>{tag.value}</code> }))}
      />
    </details>
  );
}

interface Row {
  readonly key: string;
  readonly value: ReactElement;
  readonly description?: string;
}

function KeyValueTable({
  caption,
  empty,
  rows,
  withDescription = false,
}: {
  caption: string;
  empty: string;
  rows: readonly Row[];
  withDescription?: boolean;
}): ReactElement {
  if (rows.length === 0) {
    return (
      <p className="table-empty">
        <span className="table-empty__caption">{caption}:</span> {empty}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            {withDescription ? <th scope="col">Description</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                <code>{row.key}</code>
              </th>
              <td>{row.value}</td>
              {withDescription ? <td>{row.description}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
