/**
 * The few CloudFormation replies the scripted endpoint writes itself, in the AWS Query protocol's
 * XML (`<Action>Response><ActionResult>…`), which the real SDK's AwsQueryProtocol parses. Only
 * what the app reads is written; shapes follow the CloudFormation API reference (DescribeChangeSet,
 * DescribeStackEvents, CreateChangeSet, GetTemplate).
 */
import { randomUUID } from 'node:crypto';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>`, or nothing when the value is absent. */
export function field(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A Query-protocol list: `<name><member>…</member>…</name>`. */
export function list<T>(name: string, items: readonly T[], member: (item: T) => string): string {
  return `<${name}>${items.map((item) => `<member>${member(item)}</member>`).join('')}</${name}>`;
}

/** The envelope every successful Query reply has. */
export function queryResponse(action: string, result: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

/** Replies without a result element (DeleteChangeSet, ExecuteChangeSet) still carry an empty one. */
export function emptyResponse(action: string): string {
  return queryResponse(action, '');
}

/** An error in the Query envelope: the SDK raises it with `name === code`. */
export function queryError(code: string, message: string): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type>` +
    `${field('Code', code)}${field('Message', message)}</Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}

export interface ScriptedStackEvent {
  readonly eventId: string;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
  readonly timestamp: Date;
  readonly clientRequestToken?: string;
}

export function stackEventXml(
  event: ScriptedStackEvent,
  stack: { readonly id: string; readonly name: string },
): string {
  return (
    field('StackId', stack.id) +
    field('EventId', event.eventId) +
    field('StackName', stack.name) +
    field('LogicalResourceId', event.logicalId) +
    field('PhysicalResourceId', event.physicalId) +
    field('ResourceType', event.resourceType) +
    field('Timestamp', event.timestamp.toISOString()) +
    field('ResourceStatus', event.status) +
    field('ResourceStatusReason', event.reason) +
    field('ClientRequestToken', event.clientRequestToken)
  );
}

export interface ScriptedChangeDetail {
  readonly name: string;
  readonly requiresRecreation: 'Never' | 'Conditionally' | 'Always';
  readonly evaluation: 'Static' | 'Dynamic';
  readonly changeSource: 'DirectModification' | 'ParameterReference' | 'ResourceReference';
  readonly beforeValue?: string;
  readonly afterValue?: string;
}

export interface ScriptedChange {
  readonly action: 'Add' | 'Modify' | 'Remove';
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly resourceType: string;
  readonly replacement?: 'True' | 'False' | 'Conditional';
  readonly policyAction?: string;
  readonly details: readonly ScriptedChangeDetail[];
  /** The resource's properties before and after, as CloudFormation gives them with IncludePropertyValues. */
  readonly beforeContext?: string;
  readonly afterContext?: string;
}

/** One `Changes` member; property values only when the caller asked for them (IncludePropertyValues). */
export function changeXml(change: ScriptedChange, withValues: boolean): string {
  const details = list('Details', change.details, (detail) => {
    const target =
      field('Attribute', 'Properties') +
      field('Name', detail.name) +
      field('Path', `/Properties/${detail.name}`) +
      field('RequiresRecreation', detail.requiresRecreation) +
      field('AttributeChangeType', 'Modify') +
      (withValues ? field('BeforeValue', detail.beforeValue) + field('AfterValue', detail.afterValue) : '');
    return (
      `<Target>${target}</Target>` +
      field('Evaluation', detail.evaluation) +
      field('ChangeSource', detail.changeSource)
    );
  });
  const resource =
    field('PolicyAction', change.policyAction) +
    field('Action', change.action) +
    field('LogicalResourceId', change.logicalId) +
    field('PhysicalResourceId', change.physicalId) +
    field('ResourceType', change.resourceType) +
    field('Replacement', change.replacement) +
    list('Scope', change.action === 'Modify' ? ['Properties'] : [], (scope) => escapeXml(scope)) +
    details +
    (withValues
      ? field('BeforeContext', change.beforeContext) + field('AfterContext', change.afterContext)
      : '');
  return `${field('Type', 'Resource')}<ResourceChange>${resource}</ResourceChange>`;
}
