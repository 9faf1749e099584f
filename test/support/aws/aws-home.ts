import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * A temporary home with its own ~/.aws, and a process environment that points the SDK at it
 * and away from the developer's real profiles, env credentials and the EC2 metadata service.
 * Test-only.
 */
export interface AwsHome {
  readonly dir: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly env: NodeJS.ProcessEnv;
  writeConfig(text: string): void;
  writeCredentials(text: string): void;
  /** Writes ~/.aws/sso/cache/<sha1(key)>.json the way `aws sso login` does. */
  writeSsoToken(key: string, token: Record<string, unknown>): void;
  cleanup(): void;
}

const CLEARED = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_CLOUDFORMATION',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

export function createAwsHome(): AwsHome {
  const dir = mkdtempSync(join(tmpdir(), 'dedicated-admin-aws-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  };
  return {
    dir,
    configFile,
    credentialsFile,
    env,
    writeConfig: (text) => writeFileSync(configFile, text),
    writeCredentials: (text) => writeFileSync(credentialsFile, text),
    writeSsoToken: (key, token) => {
      const cache = join(dir, '.aws', 'sso', 'cache');
      mkdirSync(cache, { recursive: true });
      writeFileSync(
        join(cache, `${createHash('sha1').update(key).digest('hex')}.json`),
        JSON.stringify(token),
      );
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Points process.env at the home (the SDK's SSO and endpoint code read process.env directly). */
export function useAwsHomeEnv(home: AwsHome): void {
  for (const name of CLEARED) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(home.env)) vi.stubEnv(name, value);
  vi.stubEnv('USERPROFILE', home.dir);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}
