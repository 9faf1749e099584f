import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { type AwsCredentialProvider, type AwsCredentials, credentialProvider } from './credentials';

export interface AwsClientOptions {
  /** Named profile for the default credentials; ignored when `credentials` is given. */
  profile?: string;
  region: string;
  /** Explicit endpoint (e.g. the local CloudFormation endpoint of the tests); wins over env. */
  endpoint?: string;
  credentials?: AwsCredentialProvider | AwsCredentials;
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface AwsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly sts: STSClient;
  readonly s3: S3Client;
  /**
   * IAM is global; the SDK signs for its partition's IAM region whatever `region` says.
   * Optional only so that hand-made client sets in older tests still type-check;
   * `createAwsClients` always provides it.
   */
  readonly iam?: IAMClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * Whether the SDK will send S3 requests to an endpoint from the environment. The SDK honours
 * AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL by itself (getEndpointUrlConfig in
 * @smithy/core/endpoints, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set); we only need to
 * know so that S3 uses path-style URLs, which a local endpoint can serve without wildcard DNS.
 */
export function envEndpointFor(serviceId: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  const serviceVar = ['AWS_ENDPOINT_URL', ...serviceId.split(' ').map((part) => part.toUpperCase())].join(
    '_',
  );
  return env[serviceVar] || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * The clients the app needs, sharing one credential provider.
 *
 * - `retryMode: 'adaptive'` adds client-side rate limiting on top of the standard retries,
 *   which is what CloudFormation's "Rate exceeded" asks for.
 * - Timeouts: NodeHttpHandler options passed as a plain object (the SDK builds the handler via
 *   `NodeHttpHandler.create(config.requestHandler)`), so no transitive import is needed.
 *   `throwOnRequestTimeout` matters: without it a breached requestTimeout only logs a warning
 *   and the request can hang forever.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients & { readonly iam: IAMClient } {
  const credentials = options.credentials ?? credentialProvider({ profile: options.profile });
  const common = {
    region: options.region,
    credentials,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  };
  const s3Endpoint = options.endpoint ?? envEndpointFor('S3');
  const cloudFormation = new CloudFormationClient(common);
  const sts = new STSClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: s3Endpoint !== undefined });
  const iam = new IAMClient(common);
  return {
    cloudFormation,
    sts,
    s3,
    iam,
    destroy: () => {
      cloudFormation.destroy();
      sts.destroy();
      s3.destroy();
      iam.destroy();
    },
  };
}
