import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

interface Policy {
  Statement: Array<{ Effect: string; Action: string[] }>;
}

function actions(file: string): Set<string> {
  const policy = JSON.parse(readFileSync(join(root, 'docs', 'iam', file), 'utf8')) as Policy;
  return new Set(policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const SERVICE_BY_PACKAGE: Record<string, string> = {
  '@aws-sdk/client-cloudformation': 'cloudformation',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-iam': 'iam',
};

/**
 * The IAM action behind an API operation, where the two names differ (S3's bucket subresources).
 * Source: the S3 API reference, "you must have permission to perform the s3:… action".
 */
const IAM_ACTION_OF: Record<string, string> = {
  's3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:HeadBucket': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
};

/** Every AWS action the app's code calls: each `new XxxCommand(` from an AWS SDK client, or a paginator. */
function actionsCalledByCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
      const service = SERVICE_BY_PACKAGE[match[2] ?? ''];
      if (!service)
        throw new Error(`${relative(root, file)} uses ${match[2]}: add it to the IAM policy test`);
      for (const name of (match[1] ?? '').split(',').map((part) => part.replace(/^\s*type\s+/, '').trim())) {
        const command = /^(\w+)Command$/.exec(name) ?? /^paginate(\w+)$/.exec(name);
        if (command?.[1] && new RegExp(`\\b${name}\\b`).test(text.replace(match[0], ''))) {
          const operation = `${service}:${command[1]}`;
          found.set(IAM_ACTION_OF[operation] ?? operation, relative(root, file));
        }
      }
    }
  }
  return found;
}

describe('IAM policies in docs/iam (shown in the README)', () => {
  const called = actionsCalledByCode();

  it('finds the AWS actions the code calls', () => {
    expect(called.get('cloudformation:DescribeStacks')).toBeDefined();
    expect(called.get('sts:GetCallerIdentity')).toBeDefined();
  });

  it('the update policy allows every AWS action the code calls', () => {
    const allowed = actions('update-policy.json');
    const missing = [...called]
      .filter(([action]) => !allowed.has(action))
      .map(([a, file]) => `${a} (${file})`);
    expect(missing).toEqual([]);
  });

  it('the monitoring policy allows every action monitoring needs and nothing that changes a stack', () => {
    const allowed = actions('monitoring-policy.json');
    for (const action of [
      'sts:GetCallerIdentity',
      'cloudformation:DescribeStacks',
      'cloudformation:GetTemplate',
    ]) {
      expect(allowed.has(action), action).toBe(true);
    }
    const mutating = [...allowed].filter((action) =>
      /:(Create|Execute|Delete|Continue|Put|Update|Set|Pass)/.test(action),
    );
    expect(mutating).toEqual([]);
  });

  it('the README shows both policies exactly as in docs/iam', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const file of ['monitoring-policy.json', 'update-policy.json']) {
      expect(readme).toContain(readFileSync(join(root, 'docs', 'iam', file), 'utf8').trim());
    }
  });
});
