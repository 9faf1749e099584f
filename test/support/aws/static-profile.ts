import { vi } from 'vitest';
import { type AwsHome, createAwsHome, useAwsHomeEnv } from './aws-home';

/** moto accepts any key; this one is what every integration test's profile uses. */
export const TEST_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_ACCESS_KEY = 'moto-does-not-check';

/**
 * A temporary AWS home with one static-key profile, the process env pointed at it and the SDK
 * pointed at `endpoint` (moto, or the fault proxy in front of it). Call `cleanup()` after.
 */
export function useStaticProfile(options: { profile: string; region: string; endpoint: string }): AwsHome {
  const home = createAwsHome();
  home.writeConfig(`[profile ${options.profile}]\nregion = ${options.region}\n`);
  home.writeCredentials(
    `[${options.profile}]\naws_access_key_id = ${TEST_ACCESS_KEY_ID}\naws_secret_access_key = ${TEST_SECRET_ACCESS_KEY}\n`,
  );
  useAwsHomeEnv(home);
  vi.stubEnv('AWS_ENDPOINT_URL', options.endpoint);
  return home;
}
