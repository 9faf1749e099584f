/**
 * Reads the few fields that AWS SDK v3 and Node put on the errors they throw, without trusting
 * their shape. Sources (read in node_modules, SDK 3.1169 / @smithy/core 3.x):
 * - service errors: `ServiceException` subclasses (e.g. CloudFormationServiceException) with
 *   `name` = the AWS error code, `Code`, `message`, `$fault`, `$metadata.requestId/httpStatusCode`
 *   (AwsQueryProtocol.handleError / ProtocolLib.getErrorSchemaOrThrowBaseException);
 * - credential errors: `CredentialsProviderError` / `TokenProviderError` (name set as a class
 *   field, `tryNextLink`) from @smithy/core/config property-provider;
 * - network errors: Node system errors (`code` ENOTFOUND…, `hostname`, `address`, `port`)
 *   passed through by NodeHttpHandler, which renames timeouts to `name: 'TimeoutError'`.
 */
export interface ErrorFacts {
  /** Every name and code found on the error, its `cause` and AggregateError members. */
  readonly codes: ReadonlySet<string>;
  readonly message: string;
  readonly requestId?: string;
  readonly httpStatusCode?: number;
  readonly host?: string;
  readonly isProviderError: boolean;
  /** The service marked the error as throttling (`$retryable: { throttling: true }`). */
  readonly throttlingTrait: boolean;
}

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The error itself, then its causes and AggregateError members (Node's happy-eyeballs connect). */
function chain(error: unknown): Bag[] {
  const out: Bag[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 10) {
    const next = queue.shift();
    if (!isBag(next) || out.includes(next)) continue;
    out.push(next);
    queue.push(next.cause);
    if (Array.isArray(next.errors)) queue.push(...next.errors);
  }
  return out;
}

function hostOf(bags: Bag[], message: string): string | undefined {
  for (const bag of bags) {
    const hostname = text(bag.hostname);
    if (hostname) return hostname;
    const address = text(bag.address);
    if (address) return typeof bag.port === 'number' ? `${address}:${bag.port}` : address;
  }
  // "getaddrinfo ENOTFOUND cloudformation.eu-wst-1.amazonaws.com"
  return /\b(?:ENOTFOUND|EAI_AGAIN)\s+([\w.-]+)/.exec(message)?.[1];
}

export function errorFacts(error: unknown): ErrorFacts {
  const bags = chain(error);
  const codes = new Set<string>();
  for (const bag of bags) {
    for (const key of ['name', 'Code', 'code']) {
      const value = text(bag[key]);
      // 'Error' is the name of every plain Error and says nothing.
      if (value && value !== 'Error') codes.add(value);
    }
  }
  const first = bags[0];
  const message = text(first?.message) ?? (typeof error === 'string' ? error : '');
  const metadata = bags.map((bag) => bag.$metadata).find(isBag);
  const requestId = text(metadata?.requestId);
  const status = metadata?.httpStatusCode;
  const host = hostOf(bags, message);
  return {
    codes,
    message,
    ...(requestId ? { requestId } : {}),
    ...(typeof status === 'number' ? { httpStatusCode: status } : {}),
    ...(host ? { host } : {}),
    isProviderError: codes.has('CredentialsProviderError') || codes.has('TokenProviderError'),
    throttlingTrait: bags.some((bag) => isBag(bag.$retryable) && bag.$retryable.throttling === true),
  };
}
