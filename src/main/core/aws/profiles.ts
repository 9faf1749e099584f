import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ProfileKind, ProfileSummary } from '../../../shared/cells/profiles';

export type { ProfileKind, ProfileSummary } from '../../../shared/cells/profiles';

export interface SharedFilePaths {
  configFile: string;
  credentialsFile: string;
}

type Env = NodeJS.ProcessEnv;
type Section = Record<string, string | undefined>;

/** Environment variables the AWS CLI and SDK read; empty strings count as unset, as in the SDK. */
function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function homeDir(env: Env): string {
  // Same precedence as the SDK's getHomeDir, but from the given env so tests can redirect it.
  const windowsHome = env.HOMEPATH ? `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}` : undefined;
  return envValue(env, 'HOME') ?? envValue(env, 'USERPROFILE') ?? windowsHome ?? homedir();
}

function expandHome(path: string, env: Env): string {
  return path.startsWith('~/') ? join(homeDir(env), path.slice(2)) : path;
}

/**
 * Where the shared config and credentials files live. The SDK's loader reads these variables
 * from `process.env` itself; we resolve them from the given env and pass explicit paths so that
 * callers (and tests) that hand in another env get the files they pointed at.
 */
export function sharedFilePaths(env: Env = process.env): SharedFilePaths {
  return {
    configFile: expandHome(envValue(env, 'AWS_CONFIG_FILE') ?? join(homeDir(env), '.aws', 'config'), env),
    credentialsFile: expandHome(
      envValue(env, 'AWS_SHARED_CREDENTIALS_FILE') ?? join(homeDir(env), '.aws', 'credentials'),
      env,
    ),
  };
}

// Section keys the loader keeps for non-profile sections (`[sso-session x]`, `[services x]`).
// In the credentials file a `[profile x]` header is not a profile the SDK would resolve as "x".
const CONFIG_NON_PROFILE = /^(sso-session|services)\./;
const CREDENTIALS_NON_PROFILE = /^(profile|sso-session|services)\./;

function str(section: Section, key: string): string | undefined {
  const value = section[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function profileKind(section: Section): ProfileKind {
  const has = (key: string): boolean => str(section, key) !== undefined;
  if (has('role_arn') && has('source_profile') !== has('credential_source')) return 'assume-role';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return 'static';
  if (has('role_arn') && has('web_identity_token_file')) return 'web-identity';
  if (has('credential_process')) return 'process';
  if (has('sso_session')) return 'sso-session';
  if (['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].some(has)) return 'sso';
  return 'unknown';
}

function summarize(name: string, section: Section): ProfileSummary {
  const summary: ProfileSummary = { name, kind: profileKind(section) };
  const region = str(section, 'region');
  const ssoSession = str(section, 'sso_session');
  const sourceProfile = str(section, 'source_profile');
  if (region !== undefined) summary.region = region;
  if (ssoSession !== undefined) summary.ssoSession = ssoSession;
  if (sourceProfile !== undefined) summary.sourceProfile = sourceProfile;
  return summary;
}

/**
 * Lists the profiles of ~/.aws/config and ~/.aws/credentials (or the files named by
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). Reads the files afresh on every call
 * (`ignoreCache`), so an `aws configure` in a terminal shows up without restarting the app.
 * Missing or unreadable files count as empty, as in the SDK.
 */
export async function listProfiles(options: { env?: Env } = {}): Promise<ProfileSummary[]> {
  const paths = sharedFilePaths(options.env);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });
  const merged = new Map<string, Section>();
  // Same merge as the SDK's mergeConfigFiles: credentials-file values win over config-file ones.
  for (const [name, section] of Object.entries(configFile)) {
    if (!CONFIG_NON_PROFILE.test(name)) merged.set(name, { ...section });
  }
  for (const [name, section] of Object.entries(credentialsFile)) {
    if (!CREDENTIALS_NON_PROFILE.test(name)) merged.set(name, { ...merged.get(name), ...section });
  }
  return [...merged.entries()]
    .map(([name, section]) => summarize(name, section))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The profile the AWS CLI uses when none is named. */
export function defaultProfileName(env: Env = process.env): string {
  return envValue(env, 'AWS_PROFILE') ?? 'default';
}

/**
 * The region the AWS CLI would use: AWS_REGION, AWS_DEFAULT_REGION (the CLI reads it; the JS
 * SDK does not), then the profile's `region`.
 */
export function defaultRegion(
  env: Env,
  profiles: readonly ProfileSummary[],
  profileName: string = defaultProfileName(env),
): string | undefined {
  return (
    envValue(env, 'AWS_REGION') ??
    envValue(env, 'AWS_DEFAULT_REGION') ??
    profiles.find((profile) => profile.name === profileName)?.region
  );
}
