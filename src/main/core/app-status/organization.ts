import type { AppOrganization } from '../../../shared/app-status/app-status';
import type { CellClient } from './gitpod-api';
import { type Fetched, failed, fetched } from './gitpod-http';
import { problem } from './problems';

/** At most this many organizations are named when the admin has to choose. */
const NAMED_MAX = 10;

/**
 * The organization maintenance is read for: the one configured, or else the only one the token
 * sees. A token that sees none or several cannot decide for the admin, so that is a problem
 * naming the choices.
 */
export async function resolveOrganization(
  client: CellClient,
  token: string,
  configuredId: string | undefined,
): Promise<Fetched<AppOrganization>> {
  if (configuredId !== undefined && configuredId.trim() !== '') {
    return fetched({ id: configuredId.trim().slice(0, 100), name: null });
  }
  const listed = await client.listOrganizations(token);
  if (!listed.ok) return listed;
  const orgs = listed.value;
  if (orgs.length === 1) {
    const only = orgs[0] as { id: string; name: string };
    return fetched({ id: only.id, name: only.name === '' ? null : only.name.slice(0, 200) });
  }
  if (orgs.length === 0) {
    return failed(
      problem(
        'organization-needed',
        `The personal access token sees no organization on ${client.host}.`,
        'Use a token of a member (for switching maintenance, an owner) of the cell’s organization.',
      ),
    );
  }
  const named = orgs
    .slice(0, NAMED_MAX)
    .map((org) => `${org.name === '' ? '(no name)' : org.name.slice(0, 60)} (${org.id})`)
    .join(', ');
  const more = orgs.length > NAMED_MAX ? ` and ${orgs.length - NAMED_MAX} more` : '';
  return failed(
    problem(
      'organization-needed',
      `The personal access token sees ${orgs.length} organizations on ${client.host}: ${named}${more}.`,
      'Choose the organization whose maintenance to follow in the cell’s settings.',
    ),
  );
}
