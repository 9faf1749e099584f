/**
 * The error responses AWS sends for the faults the proxy injects, in the envelope each protocol's SDK
 * deserializer reads the error code from, so the SDK raises `error.name === '<Code>'` exactly as in production:
 * - query (CloudFormation, STS): `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`,
 *   read by @aws-sdk/core AwsQueryProtocol `loadQueryErrorCode` (data.Error.Code);
 * - json (X-Amz-Target services): `{"__type": "<Code>", "message": ...}`;
 * - rest-xml (S3): `<Error><Code/><Message/><RequestId/></Error>`.
 */
import { randomUUID } from 'node:crypto';
import type { FaultKind } from './fault-proxy.js';

export type ProtocolKind = 'query' | 'json' | 'rest-xml';

export interface ErrorResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly requestId: string;
}

interface ErrorSpec {
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
  readonly code: string;
  readonly message: string;
}

const ADMIN_ARN = 'arn:aws:iam::123456789012:user/admin';

function specFor(
  fault: Exclude<FaultKind, 'reset' | 'slow'>,
  action: string,
  scope: { service: string; region: string },
): ErrorSpec {
  switch (fault) {
    case 'throttle':
      return { status: 400, type: 'Sender', code: 'Throttling', message: 'Rate exceeded' };
    case 'server-error':
      return {
        status: 500,
        type: 'Receiver',
        code: 'InternalFailure',
        message: 'The request processing has failed because of an unknown error, exception or failure.',
      };
    case 'expired-token':
      return {
        status: 403,
        type: 'Sender',
        code: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      };
    case 'access-denied':
      return {
        status: 403,
        type: 'Sender',
        code: 'AccessDenied',
        message:
          `User: ${ADMIN_ARN} is not authorized to perform: ${scope.service}:${action} on resource: ` +
          `${resourceFor(scope)} because no identity-based policy allows the ${scope.service}:${action} action`,
      };
  }
}

function resourceFor(scope: { service: string; region: string }): string {
  return scope.service === 'cloudformation'
    ? `arn:aws:cloudformation:${scope.region}:123456789012:stack/*/*`
    : '*';
}

export function faultResponse(
  fault: Exclude<FaultKind, 'reset' | 'slow'>,
  protocol: ProtocolKind,
  action: string,
  scope: { service: string; region: string },
): ErrorResponse {
  const spec = specFor(fault, action, scope);
  const requestId = randomUUID();
  switch (protocol) {
    case 'query':
      return {
        status: spec.status,
        contentType: 'text/xml',
        requestId,
        body:
          '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">' +
          `<Error><Type>${spec.type}</Type><Code>${spec.code}</Code><Message>${xmlEscape(spec.message)}</Message></Error>` +
          `<RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'json':
      return {
        status: spec.status,
        contentType: 'application/x-amz-json-1.1',
        requestId,
        body: JSON.stringify({ __type: spec.code, message: spec.message }),
      };
    case 'rest-xml':
      return {
        status: spec.status,
        contentType: 'application/xml',
        requestId,
        body:
          '<?xml version="1.0" encoding="UTF-8"?>' +
          `<Error><Code>${spec.code}</Code><Message>${xmlEscape(spec.message)}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
  }
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
