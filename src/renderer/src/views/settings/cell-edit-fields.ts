import type { Cell, CellInput } from '../../../../shared/cells/cell';
import type { AwsSetup } from '../../../../shared/cells/profiles';
import { optionalText } from '../../cells/cell-validation';
import { DEFAULT_CHAIN_LABEL, profileOptionLabel } from '../../cells/profile-labels';
import type { SelectOption } from '../../components/FormField';

/** Every field of the edit form, as typed. An empty profile means the default chain. */
export interface EditFields {
  readonly name: string;
  readonly profile: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleStack: string;
  readonly instanceStack: string;
  readonly domain: string;
  /** The Gitpod organization to read maintenance for; blank: the only one the token sees. */
  readonly organizationId: string;
}

export function fieldsOf(cell: Cell): EditFields {
  return {
    name: cell.name,
    profile: cell.profile ?? '',
    region: cell.region,
    accountId: cell.accountId,
    roleStack: cell.roleStack ?? '',
    instanceStack: cell.instanceStack ?? '',
    domain: cell.domain ?? '',
    organizationId: cell.organizationId ?? '',
  };
}

/** The cell `cells.update` takes: the same id, blank optional fields left out. */
export function cellOf(id: string, fields: EditFields): CellInput {
  const profile = optionalText(fields.profile);
  const roleStack = optionalText(fields.roleStack);
  const instanceStack = optionalText(fields.instanceStack);
  const domain = optionalText(fields.domain);
  const organizationId = optionalText(fields.organizationId);
  return {
    id,
    name: fields.name.trim(),
    ...(profile ? { profile } : {}),
    region: fields.region,
    accountId: fields.accountId.trim(),
    ...(roleStack ? { roleStack } : {}),
    ...(instanceStack ? { instanceStack } : {}),
    ...(domain ? { domain } : {}),
    ...(organizationId ? { organizationId } : {}),
  };
}

/** The profiles AWS knows, the default chain, and the cell's own profile should AWS no longer know it. */
export function profileOptions(setup: AwsSetup | null, current: string): SelectOption[] {
  const profiles = setup?.profiles ?? [];
  const options: SelectOption[] = profiles.map((profile) => ({
    value: profile.name,
    label: profileOptionLabel(profile),
  }));
  if (current !== '' && !profiles.some((profile) => profile.name === current)) {
    options.unshift({
      value: current,
      label: setup ? `${current} (not in your AWS config)` : current,
    });
  }
  options.push({ value: '', label: DEFAULT_CHAIN_LABEL });
  return options;
}

export function regionOptions(setup: AwsSetup | null, current: string): SelectOption[] {
  const regions = [...(setup?.regions ?? [])];
  if (!regions.includes(current)) regions.unshift(current);
  return regions.map((region) => ({ value: region, label: region }));
}
