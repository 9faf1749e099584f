import type { PreflightCheck } from '../../../../shared/apply/preflight';
import type { Cell } from '../../../../shared/cells/cell';
import { blocking, passed } from './check';

/**
 * The credentials are valid (the caller identity was resolved with them) and act on the cell's
 * account and region. A profile named "prod" that resolves to the staging account must not
 * update staging's stacks, so a mismatch stops everything before any other call.
 */
export function checkCredentials(
  cell: Cell,
  identity: { readonly account: string; readonly arn: string },
  clientRegion: string,
): PreflightCheck {
  const source = cell.profile === undefined ? 'The default AWS credentials' : `Profile "${cell.profile}"`;
  if (identity.account !== cell.accountId) {
    return blocking(
      'credentials',
      `${source} signs in as ${identity.arn} in account ${identity.account}, but cell "${cell.name}" lives in account ${cell.accountId}. No other check was made.`,
      `Pick the AWS profile for account ${cell.accountId} in the cell's settings.`,
    );
  }
  if (clientRegion !== cell.region) {
    return blocking(
      'credentials',
      `The AWS clients are set up for ${clientRegion}, but cell "${cell.name}" lives in ${cell.region}. No other check was made.`,
      `Check the cell's region in its settings (${cell.region}).`,
    );
  }
  return passed(
    'credentials',
    `Signed in as ${identity.arn}, in the cell's account ${cell.accountId} and region ${cell.region}.`,
  );
}
