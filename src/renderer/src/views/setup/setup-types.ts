import type { CellDraft } from '../../../../shared/cells/cell';
import type { DiscoveryReport } from '../../../../shared/cells/discovery';
import { optionalText } from '../../cells/cell-validation';

export const STEP_COUNT = 3;

/** Where to look: a profile (absent means the default credential chain) and a region. */
export interface Target {
  readonly profile: string | undefined;
  readonly region: string;
}

/** The stacks the admin chose; at least one is needed to save. */
export interface ChosenStacks {
  readonly roleStack: string | undefined;
  readonly instanceStack: string | undefined;
}

/** What the admin types in the last step, kept as typed so Back and Next lose nothing. */
export interface CellDetails {
  readonly name: string;
  readonly domain: string;
}

export function sameTarget(a: Target, b: Target): boolean {
  return a.profile === b.profile && a.region === b.region;
}

/** "profile prod" or "the default credential chain", for sentences. */
export function describeProfile(profile: string | undefined): string {
  return profile ? `profile ${profile}` : 'the default credential chain';
}

/** The draft `cells.add` takes: absent optional fields are left out, not sent empty. */
export function buildDraft(
  target: Target,
  report: DiscoveryReport,
  stacks: ChosenStacks,
  details: CellDetails,
): CellDraft {
  const domain = optionalText(details.domain);
  return {
    name: details.name.trim(),
    ...(target.profile ? { profile: target.profile } : {}),
    region: target.region,
    accountId: report.account,
    ...(stacks.roleStack ? { roleStack: stacks.roleStack } : {}),
    ...(stacks.instanceStack ? { instanceStack: stacks.instanceStack } : {}),
    ...(domain ? { domain } : {}),
  };
}
