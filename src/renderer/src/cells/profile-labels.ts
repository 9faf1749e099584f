import type { ProfileKind, ProfileSummary } from '../../../shared/cells/profiles';

/** How a profile gets its credentials, as the AWS docs name it. */
export const PROFILE_KIND_LABELS: Record<ProfileKind, string> = {
  sso: 'IAM Identity Center',
  'sso-session': 'IAM Identity Center',
  'assume-role': 'assume role',
  process: 'credential_process',
  static: 'static keys',
  'web-identity': 'web identity',
  unknown: 'unknown kind',
};

export const DEFAULT_CHAIN_LABEL =
  'Default credential chain (environment variables, then the default profile)';

/** "prod (IAM Identity Center)", for a profile's option in a select. */
export function profileOptionLabel(profile: ProfileSummary): string {
  return `${profile.name} (${PROFILE_KIND_LABELS[profile.kind]})`;
}

/** A cell's profile in words: its name, or the default chain when it has none. */
export function cellProfileLabel(profile: string | undefined): string {
  return profile ?? 'Default credential chain';
}
