import type { ReactElement } from 'react';
import type { CellView } from '../../../../shared/cells/cells-state';
import { EmptyState } from '../../components/States';
import { SetupWizard } from '../setup/SetupWizard';

export interface FirstRunProps {
  readonly readOnly: boolean;
  readonly onDone: (added: CellView | undefined) => void;
}

/** No cell yet: what a cell is, and the setup wizard right here. */
export function FirstRun({ readOnly, onDone }: FirstRunProps): ReactElement {
  return (
    <div className="first-run">
      <EmptyState
        title="No cell set up yet"
        body={
          <>
            <p>
              A cell is a Gitpod Dedicated installation in your AWS account: a role stack and an instance
              stack in one account and region.
            </p>
            <p>
              {readOnly
                ? 'Cells cannot be added while the settings are read-only.'
                : 'Set it up below: choose an AWS profile, let Dedicated Admin find the cell’s stacks, then name it. Nothing in AWS is changed.'}
            </p>
          </>
        }
      />
      {readOnly ? null : <SetupWizard onDone={onDone} />}
    </div>
  );
}
