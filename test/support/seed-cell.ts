/**
 * Puts a Gitpod Dedicated cell into moto the way an admin does in AWS: the role stack first, then the
 * instance stack with that role as its service role (RoleARN), its large template uploaded to S3 and
 * referenced by TemplateURL, because CloudFormation refuses inline bodies over 51,200 bytes.
 */

import {
  type CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Parameter,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  type CreateBucketCommandInput,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  CDK_BOOTSTRAP_VERSION_PARAMETER,
  loadFixture,
  ROLE_NAME,
  TEMPLATE_BODY_LIMIT_BYTES,
  type TemplateFormat,
} from '../fixtures/templates/index.js';
import { putSsmParameter } from './ssm-parameter';

export interface SeedClients {
  /** Its endpoint must be moto's, directly or through the fault proxy. */
  readonly cloudFormation: CloudFormationClient;
  /** Created with `forcePathStyle: true`, so bucket names stay out of the host name. */
  readonly s3: S3Client;
}

export interface SeedCellOptions {
  readonly roleStackName: string;
  readonly instanceStackName: string;
  readonly format?: TemplateFormat;
  readonly domainName?: string;
  readonly cellId?: string;
}

export interface SeededCell {
  readonly roleStackId: string;
  readonly instanceStackId: string;
  /** `arn:aws:iam::<account>:role/GitpodSetupAndInitialEKSUserAdmin`, the instance stack's RoleARN. */
  readonly roleArn: string;
  readonly accountId: string;
  readonly region: string;
  /** Where the instance template was uploaded, or undefined when it was small enough to send inline. */
  readonly instanceTemplateUrl?: string;
}

const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 2 };

export async function seedCell(clients: SeedClients, options: SeedCellOptions): Promise<SeededCell> {
  const format = options.format ?? 'json';
  const { cloudFormation } = clients;
  const target = await targetOf(cloudFormation);

  const roleStackId = await createStack(cloudFormation, {
    StackName: options.roleStackName,
    TemplateBody: loadFixture(`role.${format}`),
    Parameters: params({ ExternalId: 'gitpod-dedicated-external-id-0001' }),
    Capabilities: ['CAPABILITY_NAMED_IAM'],
  });
  const roleArn = await outputOf(cloudFormation, roleStackId, 'RoleArn');
  const accountId = roleArn.split(':')[4] ?? '';
  if (!roleArn.endsWith(`:role/${ROLE_NAME}`) || !/^\d{12}$/.test(accountId)) {
    throw new Error(`role stack returned an unexpected RoleArn: ${roleArn}`);
  }

  // The instance template's BootstrapVersion parameter reads this; `cdk bootstrap` would have created it.
  await putSsmParameter(String(target.origin), {
    region: target.region,
    accessKeyId: target.accessKeyId,
    name: CDK_BOOTSTRAP_VERSION_PARAMETER,
    value: '21',
  });
  // moto resolves a UsePreviousValue SSM-typed parameter by its value ("21") as a parameter name,
  // so an update that keeps BootstrapVersion fails ExecuteChangeSet unless "21" exists too.
  await putSsmParameter(String(target.origin), {
    region: target.region,
    accessKeyId: target.accessKeyId,
    name: '21',
    value: '21',
  });

  const instanceTemplate = loadFixture(`instance.${format}`);
  const instanceTemplateUrl =
    Buffer.byteLength(instanceTemplate) > TEMPLATE_BODY_LIMIT_BYTES
      ? await uploadTemplate(
          clients.s3,
          target,
          accountId,
          `${options.instanceStackName}/instance.${format}`,
          instanceTemplate,
        )
      : undefined;
  const instanceStackId = await createStack(cloudFormation, {
    StackName: options.instanceStackName,
    ...(instanceTemplateUrl ? { TemplateURL: instanceTemplateUrl } : { TemplateBody: instanceTemplate }),
    RoleARN: roleArn,
    Parameters: params({
      DomainName: options.domainName ?? 'gitpod.acme-corp.example.com',
      CellId: options.cellId ?? 'acme01',
    }),
    Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
  });

  return {
    roleStackId,
    instanceStackId,
    roleArn,
    accountId,
    region: target.region,
    ...(instanceTemplateUrl ? { instanceTemplateUrl } : {}),
  };
}

/** A small stack that has nothing to do with Gitpod, so discovery has something to skip. */
export async function seedUnrelatedStack(
  clients: Pick<SeedClients, 'cloudFormation'>,
  name: string,
): Promise<string> {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Team notifications for the data platform',
    Resources: {
      NotificationsTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: { DisplayName: 'data-platform-notifications' },
      },
    },
    Outputs: { TopicArn: { Value: { Ref: 'NotificationsTopic' } } },
  };
  return await createStack(clients.cloudFormation, {
    StackName: name,
    TemplateBody: JSON.stringify(template, null, 2),
    Tags: [{ Key: 'team', Value: 'data-platform' }],
  });
}

type CreateStackInput = ConstructorParameters<typeof CreateStackCommand>[0];

async function createStack(client: CloudFormationClient, input: CreateStackInput): Promise<string> {
  const { StackId } = await client.send(new CreateStackCommand(input));
  if (!StackId) throw new Error(`CreateStack ${input.StackName} returned no StackId`);
  await waitUntilStackCreateComplete({ client, ...WAIT }, { StackName: StackId });
  return StackId;
}

async function outputOf(client: CloudFormationClient, stackId: string, key: string): Promise<string> {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackId }));
  const value = Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === key)?.OutputValue;
  if (!value) throw new Error(`stack ${stackId} has no output ${key}`);
  return value;
}

function params(values: Record<string, string>): Parameter[] {
  return Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}

interface Target {
  readonly region: string;
  /** The HTTP origin the CloudFormation client talks to (moto, or the fault proxy in front of it). */
  readonly origin: URL;
  readonly accessKeyId: string;
}

async function targetOf(client: CloudFormationClient): Promise<Target> {
  const { region, endpoint, credentials } = client.config;
  const resolvedRegion = typeof region === 'function' ? await region() : region;
  const resolvedEndpoint = await endpoint?.();
  if (!resolvedEndpoint) throw new Error('seedCell needs a client with an explicit moto endpoint');
  const { protocol, hostname, port } = resolvedEndpoint;
  return {
    region: resolvedRegion,
    origin: new URL(`${protocol}//${hostname}${port ? `:${port}` : ''}`),
    accessKeyId: (await credentials()).accessKeyId,
  };
}

/**
 * moto resolves TemplateURLs naming `localhost` from its own S3 store (moto/cloudformation/utils.py);
 * real AWS wants https://<bucket>.s3.<region>.amazonaws.com/<key>, which moto accepts as well.
 */
async function uploadTemplate(
  s3: S3Client,
  target: Target,
  accountId: string,
  key: string,
  body: string,
): Promise<string> {
  const bucket = `cf-templates-${accountId}-${target.region}`;
  const input: CreateBucketCommandInput =
    target.region === 'us-east-1'
      ? { Bucket: bucket }
      : {
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: target.region as BucketLocationConstraint },
        };
  try {
    await s3.send(new CreateBucketCommand(input));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'BucketAlreadyOwnedByYou')) throw error;
  }
  const contentType = key.endsWith('.yaml') ? 'application/yaml' : 'application/json';
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  return `http://localhost:${target.origin.port}/${bucket}/${key}`;
}
