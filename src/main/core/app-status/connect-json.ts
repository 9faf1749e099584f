import { z } from 'zod';
import type { AppProblem } from '../../../shared/app-status/app-status';
import { type Fetched, failed, fetched, type GitpodHttp } from './gitpod-http';
import { problem, serverText } from './problems';

/**
 * Connect unary calls with JSON bodies, as Gitpod's public API speaks them: POST to
 * `/public-api/<package>.<Service>/<Method>`, `Content-Type: application/json`,
 * `Connect-Protocol-Version: 1`. Success is HTTP 200 with the response message as JSON (proto3
 * JSON leaves out false and empty fields, so `{}` is a valid "off"). An error is a non-200
 * reply whose JSON body is `{"code": "...", "message": "..."}`: the code decides, not the
 * HTTP status, which proxies may rewrite.
 */

export const PUBLIC_API_PREFIX = '/public-api/gitpod.v1.';

export const CONNECT_CODES = [
  'canceled',
  'unknown',
  'invalid_argument',
  'deadline_exceeded',
  'not_found',
  'already_exists',
  'permission_denied',
  'resource_exhausted',
  'failed_precondition',
  'aborted',
  'out_of_range',
  'unimplemented',
  'internal',
  'unavailable',
  'data_loss',
  'unauthenticated',
] as const;
export type ConnectCode = (typeof CONNECT_CODES)[number];

const connectErrorSchema = z.object({
  code: z.enum(CONNECT_CODES),
  message: z.string().optional(),
});

export interface ConnectCall<T> {
  /** e.g. `OrganizationService`. */
  readonly service: string;
  /** e.g. `GetOrganizationMaintenanceMode`. */
  readonly method: string;
  readonly request: Readonly<Record<string, unknown>>;
  /** Validates the reply; unknown fields are ignored, as proto3 JSON readers do. */
  readonly response: z.ZodType<T>;
  /** Sent as `Authorization: Bearer`, and scrubbed from anything the server says back. */
  readonly token?: string;
}

export async function callConnect<T>(http: GitpodHttp, call: ConnectCall<T>): Promise<Fetched<T>> {
  const path = `${PUBLIC_API_PREFIX}${call.service}/${call.method}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'connect-protocol-version': '1',
    accept: 'application/json',
  };
  if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
  const sent = await http.send({ method: 'POST', path, headers, body: JSON.stringify(call.request) });
  if (!sent.ok) return sent;
  const reply = sent.value;

  if (reply.status !== 200) return failed(errorProblem(http.host, call, reply.status, reply.body));
  let data: unknown;
  try {
    data = JSON.parse(reply.body);
  } catch {
    return failed(badReply(http.host, call.method, 'not JSON'));
  }
  const parsed = call.response.safeParse(data);
  if (!parsed.success) return failed(badReply(http.host, call.method, 'not the expected shape'));
  return fetched(parsed.data);
}

function badReply(host: string, method: string, what: string): AppProblem {
  return problem(
    'bad-reply',
    `${host} answered ${method} with a reply that is ${what}.`,
    'Something other than Gitpod may answer at this address, or the cell runs a Gitpod version this app does not know.',
  );
}

/** A Connect error keeps its code in `problem.code`, so callers can tell not_found apart, say. */
function errorProblem<T>(host: string, call: ConnectCall<T>, status: number, body: string): AppProblem {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    data = undefined;
  }
  const parsed = connectErrorSchema.safeParse(data);
  if (!parsed.success) {
    return problem(
      'http-error',
      `${host} answered ${call.method} with HTTP ${status} and no Connect error.`,
      status >= 500 ? 'The cell may be updating or in trouble; Dedicated Admin tries again by itself.' : null,
      String(status),
    );
  }
  const { code } = parsed.data;
  const said = serverText(parsed.data.message, call.token);
  const because = said === null ? '' : `: ${said}`;
  switch (code) {
    case 'unauthenticated':
      return problem(
        'token-rejected',
        `${host} rejected the personal access token (${code})${because}.`,
        'The token was revoked, has expired or is mistyped: create a new one in Gitpod (User settings → Access tokens) and store it again.',
        code,
      );
    case 'permission_denied':
      return problem(
        'token-rejected',
        `${host} refused ${call.method} for this personal access token (${code})${because}.`,
        'The token lacks the rights: maintenance needs a token of an organization owner (or an installation admin).',
        code,
      );
    case 'unimplemented':
      return problem(
        'unsupported',
        `${host} does not offer ${call.method} (${code}).`,
        'The cell runs a Gitpod version without this call; it comes with a later update.',
        code,
      );
    default:
      return problem('connect-error', `${host} answered ${call.method} with ${code}${because}.`, null, code);
  }
}
