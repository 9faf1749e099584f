/**
 * A CloudFormation endpoint for the browser benchmarks: a proxy in front of moto that forwards
 * every call unchanged, except for one scripted stack, whose change sets, stack events and status
 * it plays itself. moto cannot show what the benchmarks measure: it has no in-progress states (an
 * executed change set completes at once, with no events in between) and no paged DescribeChangeSet
 * of thousands of changes. The app's SDK is the real one, over HTTP, as against AWS; only
 * CloudFormation is pointed here (AWS_ENDPOINT_URL_CLOUDFORMATION), STS, IAM and S3 go to moto.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  changeXml,
  emptyResponse,
  field,
  list,
  queryError,
  queryResponse,
  type ScriptedChange,
  type ScriptedStackEvent,
  stackEventXml,
} from './query-xml';

/** DescribeChangeSet answers at most this many changes per page (the app reads every page). */
export const CHANGES_PER_PAGE = 100;
/** DescribeStackEvents answers at most this many events per page, newest first. */
const EVENTS_PER_PAGE = 100;

export interface StackScript {
  readonly stackName: string;
  /** The stack's ARN in moto. */
  readonly stackId: string;
  /** What every change set created on the stack holds, in CloudFormation's order. */
  readonly changes: readonly ScriptedChange[];
  /** Answered for GetTemplate of the stack instead of moto's template (the template diff's "before"). */
  readonly deployedTemplate?: string;
  /**
   * ValidateTemplate and GetTemplateSummary of an uploaded template are forwarded to moto with this
   * template instead. For a template past CloudFormation's quota of 500 resources (which moto's
   * cfn-lint enforces, as AWS does) that a benchmark needs anyway: the stand-in declares the same
   * parameters and needs the same capabilities.
   */
  readonly templateStandIn?: string;
  /** Called when the app executes a change set: the benchmark records the operation's events from then on. */
  readonly onExecute?: (execution: {
    readonly changeSetId: string;
    readonly clientRequestToken?: string;
  }) => void;
}

export interface EndpointCall {
  readonly action: string;
  /** Wall-clock time the call reached the endpoint (Date.now()). */
  readonly at: number;
  /** The StackName it named, if any. */
  readonly stack?: string;
}

export interface ScriptedCloudFormation {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Every CloudFormation call that reached the endpoint, in order. */
  readonly calls: readonly EndpointCall[];
  /** From now on the stack's change sets, events and (when set) status are the script's. */
  script(script: StackScript): void;
  /** Records a stack event of the scripted stack now (wall clock), as CloudFormation does while it works. */
  recordEvent(event: Omit<ScriptedStackEvent, 'eventId' | 'timestamp'>): ScriptedStackEvent;
  /** The status DescribeStacks shows for the scripted stack; undefined shows moto's. */
  setStackStatus(status: string | undefined): void;
  /** Whether a call names the scripted stack (by name or ARN). */
  isScriptedStack(name: string | undefined): boolean;
  close(): Promise<void>;
}

interface ChangeSetState {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly parameters: ReadonlyArray<{ key: string; value?: string; usePrevious?: boolean }>;
  readonly capabilities: readonly string[];
  readonly createdAt: Date;
  executionStatus: string;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

function listParam(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let index = 1; params.has(`${name}.member.${index}`); index++) {
    values.push(params.get(`${name}.member.${index}`) ?? '');
  }
  return values;
}

function parametersOf(params: URLSearchParams): ChangeSetState['parameters'] {
  const out: Array<{ key: string; value?: string; usePrevious?: boolean }> = [];
  for (let index = 1; params.has(`Parameters.member.${index}.ParameterKey`); index++) {
    const prefix = `Parameters.member.${index}`;
    const value = params.get(`${prefix}.ParameterValue`);
    out.push({
      key: params.get(`${prefix}.ParameterKey`) ?? '',
      ...(value === null ? {} : { value }),
      ...(params.get(`${prefix}.UsePreviousValue`) === 'true' ? { usePrevious: true } : {}),
    });
  }
  return out;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startScriptedCloudFormation(motoEndpoint: string): Promise<ScriptedCloudFormation> {
  const calls: EndpointCall[] = [];
  const changeSets = new Map<string, ChangeSetState>();
  let script: StackScript | null = null;
  let events: ScriptedStackEvent[] = [];
  let statusOverride: string | undefined;

  const isScriptedStack = (name: string | undefined): boolean =>
    script !== null && name !== undefined && (name === script.stackName || name === script.stackId);

  const arnParts = (): { region: string; account: string } => {
    const parts = (script?.stackId ?? '').split(':');
    return { region: parts[3] ?? 'us-east-1', account: parts[4] ?? '123456789012' };
  };

  const findChangeSet = (params: URLSearchParams): ChangeSetState | undefined => {
    const name = params.get('ChangeSetName') ?? '';
    const byId = changeSets.get(name);
    if (byId) return byId;
    if (!isScriptedStack(params.get('StackName') ?? undefined)) return undefined;
    return [...changeSets.values()].find((changeSet) => changeSet.name === name);
  };

  const recordEvent: ScriptedCloudFormation['recordEvent'] = (event) => {
    const recorded: ScriptedStackEvent = { ...event, eventId: randomUUID(), timestamp: new Date() };
    events.push(recorded);
    return recorded;
  };

  function createChangeSet(params: URLSearchParams): Reply {
    const { region, account } = arnParts();
    const name = params.get('ChangeSetName') ?? 'change-set';
    const id = `arn:aws:cloudformation:${region}:${account}:changeSet/${name}/${randomUUID()}`;
    const description = params.get('Description') ?? undefined;
    changeSets.set(id, {
      id,
      name,
      ...(description === undefined ? {} : { description }),
      parameters: parametersOf(params),
      capabilities: listParam(params, 'Capabilities'),
      createdAt: new Date(),
      executionStatus: 'AVAILABLE',
    });
    return {
      status: 200,
      body: queryResponse('CreateChangeSet', field('Id', id) + field('StackId', script?.stackId)),
    };
  }

  function describeChangeSet(changeSet: ChangeSetState, params: URLSearchParams): Reply {
    const changes = script?.changes ?? [];
    const token = params.get('NextToken');
    const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
    const page = changes.slice(start, start + CHANGES_PER_PAGE);
    const next = start + CHANGES_PER_PAGE < changes.length ? start + CHANGES_PER_PAGE : undefined;
    const withValues = params.get('IncludePropertyValues') === 'true';
    const result =
      field('ChangeSetName', changeSet.name) +
      field('ChangeSetId', changeSet.id) +
      field('StackId', script?.stackId) +
      field('StackName', script?.stackName) +
      field('Description', changeSet.description) +
      list(
        'Parameters',
        changeSet.parameters,
        (parameter) =>
          field('ParameterKey', parameter.key) +
          field('ParameterValue', parameter.value) +
          field('UsePreviousValue', parameter.usePrevious),
      ) +
      field('CreationTime', changeSet.createdAt.toISOString()) +
      field('ExecutionStatus', changeSet.executionStatus) +
      field('Status', 'CREATE_COMPLETE') +
      list('NotificationARNs', [], () => '') +
      list('Capabilities', changeSet.capabilities, (capability) => capability) +
      list('Changes', page, (change) => changeXml(change, withValues)) +
      field('IncludeNestedStacks', false) +
      field('NextToken', next === undefined ? undefined : Buffer.from(String(next)).toString('base64'));
    return { status: 200, body: queryResponse('DescribeChangeSet', result) };
  }

  function describeStackEvents(params: URLSearchParams): Reply {
    const newestFirst = [...events].reverse();
    const token = params.get('NextToken');
    const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
    const page = newestFirst.slice(start, start + EVENTS_PER_PAGE);
    const next = start + EVENTS_PER_PAGE < newestFirst.length ? start + EVENTS_PER_PAGE : undefined;
    const stack = { id: script?.stackId ?? '', name: script?.stackName ?? '' };
    return {
      status: 200,
      body: queryResponse(
        'DescribeStackEvents',
        list('StackEvents', page, (event) => stackEventXml(event, stack)) +
          field('NextToken', next === undefined ? undefined : Buffer.from(String(next)).toString('base64')),
      ),
    };
  }

  /** The scripted answer to a call, or null to forward it to moto. */
  function scripted(action: string, params: URLSearchParams): Reply | null {
    if (script === null) return null;
    const stackName = params.get('StackName') ?? undefined;
    switch (action) {
      case 'CreateChangeSet':
        return isScriptedStack(stackName) ? createChangeSet(params) : null;
      case 'DescribeChangeSet': {
        const changeSet = findChangeSet(params);
        return changeSet ? describeChangeSet(changeSet, params) : null;
      }
      case 'DeleteChangeSet': {
        const changeSet = findChangeSet(params);
        if (!changeSet) return null;
        changeSets.delete(changeSet.id);
        return { status: 200, body: emptyResponse('DeleteChangeSet') };
      }
      case 'ExecuteChangeSet': {
        const changeSet = findChangeSet(params);
        if (!changeSet) return null;
        if (changeSet.executionStatus !== 'AVAILABLE') {
          return {
            status: 400,
            body: queryError(
              'InvalidChangeSetStatus',
              `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.executionStatus}]`,
            ),
          };
        }
        changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
        statusOverride = 'UPDATE_IN_PROGRESS';
        const token = params.get('ClientRequestToken') ?? undefined;
        recordEvent({
          logicalId: script.stackName,
          physicalId: script.stackId,
          resourceType: 'AWS::CloudFormation::Stack',
          status: 'UPDATE_IN_PROGRESS',
          reason: 'User Initiated',
          ...(token === undefined ? {} : { clientRequestToken: token }),
        });
        script.onExecute?.({
          changeSetId: changeSet.id,
          ...(token === undefined ? {} : { clientRequestToken: token }),
        });
        return { status: 200, body: emptyResponse('ExecuteChangeSet') };
      }
      case 'DescribeStackEvents':
        return isScriptedStack(stackName) ? describeStackEvents(params) : null;
      case 'GetTemplate':
        if (
          !isScriptedStack(stackName) ||
          params.has('ChangeSetName') ||
          script.deployedTemplate === undefined
        ) {
          return null;
        }
        return {
          status: 200,
          body: queryResponse(
            'GetTemplate',
            field('TemplateBody', script.deployedTemplate) +
              list('StagesAvailable', ['Original', 'Processed'], (stage) => stage),
          ),
        };
      default:
        return null;
    }
  }

  async function forward(
    request: IncomingMessage,
    body: Buffer | string,
  ): Promise<Reply & { contentType: string }> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length', 'expect'].includes(name)) {
        headers[name] = value;
      }
    }
    const response = await fetch(`${motoEndpoint}${request.url ?? '/'}`, {
      method: request.method ?? 'POST',
      headers,
      ...(body.length > 0 ? { body: body.toString() } : {}),
    });
    return {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type') ?? 'text/xml',
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const params = new URLSearchParams(body.toString('utf8'));
    const action = params.get('Action') ?? `${request.method} ${request.url}`;
    const stack = params.get('StackName') ?? undefined;
    calls.push({ action, at: Date.now(), ...(stack === undefined ? {} : { stack }) });

    const own = scripted(action, params);
    if (own) {
      response.writeHead(own.status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      response.end(own.body);
      return;
    }
    const standIn = script?.templateStandIn;
    const checksTemplate =
      (action === 'ValidateTemplate' || action === 'GetTemplateSummary') && stack === undefined;
    if (standIn !== undefined && checksTemplate) {
      params.delete('TemplateURL');
      params.set('TemplateBody', standIn);
    }
    const reply = await forward(request, standIn !== undefined && checksTemplate ? params.toString() : body);
    let text = reply.body;
    if (action === 'DescribeStacks' && statusOverride !== undefined && isScriptedStack(stack)) {
      text = text.replace(
        /<StackStatus>[^<]*<\/StackStatus>/,
        `<StackStatus>${statusOverride}</StackStatus>`,
      );
    }
    response.writeHead(reply.status, { 'content-type': reply.contentType });
    response.end(text);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`scripted CloudFormation: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    script(next) {
      script = next;
      // The stack's history before the run: its creation, long ago. The run's baseline event.
      events = [
        {
          eventId: randomUUID(),
          logicalId: next.stackName,
          physicalId: next.stackId,
          resourceType: 'AWS::CloudFormation::Stack',
          status: 'CREATE_COMPLETE',
          timestamp: new Date(Date.now() - 86_400_000),
        },
      ];
    },
    recordEvent,
    setStackStatus(status) {
      statusOverride = status;
      if (status !== undefined && !status.endsWith('_IN_PROGRESS')) {
        for (const changeSet of changeSets.values()) {
          if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS')
            changeSet.executionStatus = 'EXECUTE_COMPLETE';
        }
      }
    },
    isScriptedStack,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
