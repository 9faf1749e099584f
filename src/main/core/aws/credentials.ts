import { stat } from 'node:fs/promises';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { sharedFilePaths } from './profiles';

/** The SDK's provider shape, taken from the SDK itself rather than a transitive types package. */
export type AwsCredentialProvider = ReturnType<typeof fromIni>;
export type AwsCredentials = Awaited<ReturnType<AwsCredentialProvider>>;
type ProviderArgs = Parameters<AwsCredentialProvider>[0];

export interface RefreshingCredentialProvider {
  (args?: ProviderArgs & { forceRefresh?: boolean }): Promise<AwsCredentials>;
  /**
   * Tells SDK clients not to wrap this provider in their own memoization
   * (`normalizeCredentialProvider` in @aws-sdk/core). Theirs caches credentials without an
   * expiration forever, so an edited ~/.aws/credentials would never be seen.
   */
  readonly memoized: true;
  /** Forgets the cached credentials, e.g. after the user ran `aws sso login`. */
  invalidate(): void;
}

export interface CredentialProviderOptions {
  /** A named profile; without one, the SDK's default chain (env, default profile, SSO, IMDS…). */
  profile?: string;
  /** Where the shared files are looked up (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, HOME). */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** Same window as the SDK clients (EXPIRATION_MS in @smithy/core): refresh 5 minutes early. */
export const REFRESH_WINDOW_MS = 5 * 60 * 1000;

async function fingerprint(path: string): Promise<string> {
  try {
    const info = await stat(path);
    // ino catches editors that save by renaming a new file over the old one.
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Credentials for a profile (or the default chain) that follow edits to the shared files and
 * refresh before they expire, without restarting the app.
 *
 * A new SDK provider is built for every real resolve, with `ignoreCache`, because the SDK
 * caches file contents and the default chain caches static credentials for the life of the
 * process. Resolved credentials are reused until they are about to expire or one of the two
 * files changes (checked with a cheap `stat` per call).
 *
 * `fromIni` covers static keys, role_arn + source_profile/credential_source chains,
 * credential_process, sso-session and legacy SSO profiles and web identity. Caveat from the
 * SDK source: its SSO step (`fromSSO`) re-reads the file locations from `process.env`, not
 * from the paths passed here; in the app both are the same environment.
 */
export function credentialProvider(options: CredentialProviderOptions = {}): RefreshingCredentialProvider {
  const paths = sharedFilePaths(options.env);
  const now = options.now ?? Date.now;
  let cached: { credentials: AwsCredentials; files: string } | undefined;
  let pending: Promise<AwsCredentials> | undefined;

  const files = async (): Promise<string> =>
    `${await fingerprint(paths.configFile)}|${await fingerprint(paths.credentialsFile)}`;

  const create = (): AwsCredentialProvider => {
    const init = { filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true };
    return options.profile === undefined
      ? fromNodeProviderChain(init)
      : fromIni({ ...init, profile: options.profile });
  };

  const resolve = (args: ProviderArgs): Promise<AwsCredentials> => {
    // Coalesce concurrent callers so a credential_process or SSO call runs once.
    pending ??= (async () => {
      try {
        const before = await files();
        const credentials = await create()(args);
        cached = { credentials, files: before };
        return credentials;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  const provider = async (args?: ProviderArgs & { forceRefresh?: boolean }): Promise<AwsCredentials> => {
    const { forceRefresh, ...rest } = args ?? {};
    if (cached && !forceRefresh) {
      const expiration = cached.credentials.expiration?.getTime();
      const fresh = expiration === undefined || expiration - now() > REFRESH_WINDOW_MS;
      if (fresh && cached.files === (await files())) return cached.credentials;
    }
    return resolve(rest);
  };

  return Object.assign(provider, {
    memoized: true as const,
    invalidate: (): void => {
      cached = undefined;
    },
  });
}
