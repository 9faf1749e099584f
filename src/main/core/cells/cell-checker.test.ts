import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CELL, stackArn } from '../../../../test/support/update-fixtures';
import { CellChecker } from './cell-checker';

/*
 * Scripted SDK replies (aws-sdk-client-mock) for what a failing call of a check looks like to the
 * admin; test/reliability/fault-matrix-status.test.ts injects the same faults against moto.
 */
const cfn = mockClient(CloudFormationClient);
const sts = mockClient(STSClient);
let checker: CellChecker;

function internalFailure(): Error {
  return Object.assign(new Error('We encountered an internal error. Please try again.'), {
    name: 'InternalFailure',
    $fault: 'server',
    $metadata: { httpStatusCode: 500, requestId: '5f0b1c2d-0000-4000-8000-000000000001' },
  });
}

beforeEach(() => {
  cfn.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({
    Account: CELL.accountId,
    Arn: `arn:aws:iam::${CELL.accountId}:user/admin`,
    UserId: 'AIDAEXAMPLE',
  });
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [CELL.roleStack, CELL.instanceStack].map((name) => ({
      StackName: name,
      StackId: stackArn(name ?? ''),
      StackStatus: 'UPDATE_COMPLETE',
      CreationTime: new Date('2026-01-01T00:00:00Z'),
    })),
  });
  const region = CELL.region;
  const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'not-used' };
  checker = new CellChecker(() => ({
    cloudFormation: new CloudFormationClient({ region, credentials, maxAttempts: 1 }),
    sts: new STSClient({ region, credentials, maxAttempts: 1 }),
    s3: new S3Client({ region, credentials }),
    destroy: () => undefined,
  }));
});

afterEach(() => {
  checker.dispose();
});

describe('main/core/cells/cell-checker', () => {
  it('names GetTemplate, not DescribeStacks, when reading a stack’s template fails', async () => {
    cfn.on(GetTemplateCommand).rejects(internalFailure());
    const check = await checker.check(CELL);
    expect(check.stacks).toEqual([]);
    expect(check.errors).toEqual([
      {
        code: 'aws-error',
        message: `cloudformation:GetTemplate failed in ${CELL.region}: InternalFailure: We encountered an internal error. Please try again. (request id 5f0b1c2d-0000-4000-8000-000000000001)`,
        nextStep: 'If it keeps happening, report it with the request id.',
      },
    ]);
  });

  it('names DescribeStacks when the stacks cannot be listed', async () => {
    cfn.on(DescribeStacksCommand).rejects(internalFailure());
    const check = await checker.check(CELL);
    expect(check.errors[0]?.message).toMatch(/^cloudformation:DescribeStacks failed in /);
  });
});
