/**
 * Templates of about 1 MB for the template bench, grown from the instance fixture (itself shaped
 * like `cdk synth` output): its resources repeated with renamed logical ids (references inside a
 * copy follow the rename), and a proposed version that modifies, removes and adds resources,
 * widens some IAM policies and opens some security-group rules, as a large release would.
 */
import type { Change, DescribeChangeSetOutput } from '@aws-sdk/client-cloudformation';
import { Document, Scalar } from 'yaml';
import { loadFixture } from '../../../test/fixtures/templates/index';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface TemplatePair {
  readonly deployedText: string;
  readonly proposedText: string;
  /** The same two templates as JSON, for the JSON.parse baseline. */
  readonly asJson: readonly [string, string];
  /** The change set CloudFormation would compute for the pair, as DescribeChangeSet returns it. */
  readonly changeSet: DescribeChangeSetOutput;
  readonly resourceCount: number;
}

/** The fixture's resources repeated `copies` times. */
function scaledInstance(copies: number): JsonObject {
  const base = JSON.parse(loadFixture('instance.json')) as JsonObject;
  const resources = base.Resources as JsonObject;
  const ids = Object.keys(resources);
  const idPattern = new RegExp(`\\b(${ids.join('|')})\\b`, 'g');
  const scaled: JsonObject = {};
  for (let copy = 0; copy < copies; copy += 1) {
    for (const id of ids) {
      const text = JSON.stringify(resources[id]);
      const renamed = copy === 0 ? text : text.replace(idPattern, (match) => `${match}C${copy}`);
      scaled[copy === 0 ? id : `${id}C${copy}`] = JSON.parse(renamed) as Json;
    }
  }
  return { ...base, Resources: scaled };
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The next release: every 12th resource modified, every 50th removed, 40 new ones added. */
function proposedFrom(deployed: JsonObject): JsonObject {
  const next = structuredClone(deployed);
  const resources = next.Resources as JsonObject;
  Object.keys(resources).forEach((id, index) => {
    const resource = resources[id];
    if (!isObject(resource)) return;
    if (index % 50 === 49 && resource.Type !== 'AWS::CDK::Metadata') {
      delete resources[id];
      return;
    }
    if (index % 12 !== 0 || !isObject(resource.Properties)) return;
    const properties = resource.Properties;
    if (resource.Type === 'AWS::IAM::Policy' && isObject(properties.PolicyDocument)) {
      const statements = properties.PolicyDocument.Statement;
      if (Array.isArray(statements)) {
        statements.push({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' });
      }
    } else if (resource.Type === 'AWS::EC2::SecurityGroupIngress') {
      properties.CidrIp = '0.0.0.0/0';
    } else if (Array.isArray(properties.Tags)) {
      properties.Tags.push({ Key: 'gitpod.io/release', Value: '2025.11.2' });
    } else {
      properties.Description = 'Changed in release 2025.11.2';
    }
  });
  for (let i = 0; i < 40; i += 1) {
    resources[`ReleaseParameter${i}B7E1C0${String(i).padStart(2, '0')}`] = {
      Type: 'AWS::SSM::Parameter',
      Properties: { Type: 'String', Name: `/gitpod/release/setting-${i}`, Value: `value-${i}` },
    };
  }
  return next;
}

/** What CloudFormation would list for the pair: one entry per added, modified or removed resource. */
function changeSetFor(deployed: JsonObject, proposed: JsonObject): DescribeChangeSetOutput {
  const before = deployed.Resources as JsonObject;
  const after = proposed.Resources as JsonObject;
  const changes: Change[] = [];
  const change = (action: 'Add' | 'Modify' | 'Remove', id: string, resource: Json | undefined): void => {
    const type = isObject(resource) && typeof resource.Type === 'string' ? resource.Type : 'AWS::Unknown';
    changes.push({
      Type: 'Resource',
      ResourceChange: {
        Action: action,
        LogicalResourceId: id,
        ResourceType: type,
        ...(action === 'Modify' ? { Replacement: 'False' } : {}),
      },
    });
  };
  for (const id of Object.keys(after)) {
    if (!(id in before)) change('Add', id, after[id]);
    else if (JSON.stringify(before[id]) !== JSON.stringify(after[id])) change('Modify', id, after[id]);
  }
  for (const id of Object.keys(before)) if (!(id in after)) change('Remove', id, before[id]);
  return {
    ChangeSetName: 'gitpod-release-2025-11-2',
    StackName: 'gitpod-cell',
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Changes: changes,
  };
}

export function toJsonText(template: JsonObject): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

const SHORT_FORMS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::GetAZs']);

/** YAML with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt a.b …), as people write it. */
export function toYamlText(template: JsonObject): string {
  const doc = new Document();
  const node = (value: Json): unknown => {
    if (Array.isArray(value)) return doc.createNode(value.map(node));
    // A YAML 1.1 reader (CloudFormation's) takes an unquoted 2010-09-09 for a date.
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const quoted = new Scalar(value);
      quoted.type = 'QUOTE_DOUBLE';
      return quoted;
    }
    if (!isObject(value)) return value;
    const [only, ...more] = Object.keys(value);
    if (only !== undefined && more.length === 0 && SHORT_FORMS.has(only)) {
      const argument = value[only] as Json;
      const tag = `!${only.replace('Fn::', '')}`;
      const tagged =
        only === 'Fn::GetAtt' && Array.isArray(argument)
          ? new Scalar(argument.join('.'))
          : typeof argument === 'string'
            ? new Scalar(argument)
            : (node(argument) as Scalar);
      tagged.tag = tag;
      return tagged;
    }
    return doc.createNode(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, node(item)])));
  };
  doc.contents = node(template) as Document['contents'];
  return doc.toString({ lineWidth: 0 });
}

/**
 * A deployed and a proposed template in `format`, each as many fixture copies as keep the
 * deployed text within `maxBytes` (1 MB: the largest template CloudFormation takes from S3).
 */
export function templatePair(format: 'json' | 'yaml', maxBytes = 1_000_000): TemplatePair {
  const render = format === 'json' ? toJsonText : toYamlText;
  const bytes = (copies: number): number => Buffer.byteLength(render(scaledInstance(copies)));
  // Each copy adds about the same: estimate from two sizes, then step down to fit.
  const one = bytes(1);
  let copies = Math.max(1, Math.floor((maxBytes - one) / (bytes(2) - one)) + 1);
  while (copies > 1 && bytes(copies) > maxBytes) copies -= 1;
  const deployed = scaledInstance(copies);
  const proposed = proposedFrom(deployed);
  return {
    deployedText: render(deployed),
    proposedText: render(proposed),
    asJson: [toJsonText(deployed), toJsonText(proposed)],
    changeSet: changeSetFor(deployed, proposed),
    resourceCount: Object.keys(deployed.Resources as JsonObject).length,
  };
}
