import { describe, expect, it } from 'vitest';
import { redact } from './redact';

const SIGNATURE = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);

describe('main/core/log/redact', () => {
  it('redacts Gitpod personal access tokens', () => {
    expect(redact('token gitpod_pat_abc.DEF-123_xyz used')).toBe('token gitpod_pat_[REDACTED] used');
  });

  it.each([
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA[REDACTED]'],
    ['ASIAY34FZKBOKMUTVV7A', 'ASIA[REDACTED]'],
  ])('redacts the AWS access key id %s', (keyId, expected) => {
    expect(redact(`using key ${keyId} for prod`)).toBe(`using key ${expected} for prod`);
  });

  it.each([
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [REDACTED]',
    ],
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key=[REDACTED]'],
    ['AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr//////////wEaCXVz', 'AWS_SESSION_TOKEN=[REDACTED]'],
  ])('redacts the credentials-file line %s', (line, expected) => {
    expect(redact(line)).toBe(expected);
  });

  it('redacts a JSON sessionToken and keeps the rest of the object', () => {
    const json = '{"accessKeyId":"x","sessionToken":"IQoJb3JpZ2luX2VjEJr+abc/def=","expiration":"2025"}';
    const out = redact(json);
    expect(out).toContain('"sessionToken":"[REDACTED]"');
    expect(out).not.toContain('IQoJb3JpZ2luX2VjEJr');
    expect(out).toContain('"expiration":"2025"');
  });

  it('redacts JSON secretAccessKey and password values', () => {
    const out = redact('{"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG", "password": "hunter2"}');
    expect(out).not.toContain('wJalrXUtnFEMI');
    expect(out).not.toContain('hunter2');
  });

  it.each([
    'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_value',
    'authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_value',
    '{"Authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_value"}',
  ])('redacts the bearer token in %s', (header) => {
    const out = redact(header);
    expect(out).toMatch(/Bearer \[REDACTED\]/i);
    expect(out).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('redacts a bare bearer token outside a header', () => {
    expect(redact('sent bearer abc.def-ghi to the API')).toBe('sent Bearer [REDACTED] to the API');
  });

  it('redacts a non-bearer Authorization value', () => {
    const out = redact(`Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/eu-west-1`);
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('redacts a SigV4 signature in a presigned URL', () => {
    const url = `https://s3.amazonaws.com/b/k?X-Amz-Date=20250301T000000Z&X-Amz-Signature=${SIGNATURE}&x=1`;
    const out = redact(url);
    expect(out).toContain('X-Amz-Signature=[REDACTED]&x=1');
    expect(out).not.toContain(SIGNATURE);
  });

  it('redacts a security token in a query string', () => {
    const out = redact(
      'https://x.amazonaws.com/?X-Amz-Security-Token=FwoGZXIvYXdzEBYaD%2Fabc&X-Amz-Expires=60',
    );
    expect(out).toContain('X-Amz-Security-Token=[REDACTED]&X-Amz-Expires=60');
  });

  it('redacts every secret in a line that holds several', () => {
    const out = redact(`pat gitpod_pat_one and gitpod_pat_two, key AKIAIOSFODNN7EXAMPLE`);
    expect(out).toBe('pat gitpod_pat_[REDACTED] and gitpod_pat_[REDACTED], key AKIA[REDACTED]');
  });

  it.each([
    'Dedicated Admin 0.1.0 started on linux',
    'status source stacks failed: Error: connect ETIMEDOUT 52.94.236.248:443',
    'IPC: rejected malformed request on app:open-external (url: too_big)',
    'opened https://github.com/gitpod-io/dedicated-admin/issues',
    'stack gitpod-prod-infra is UPDATE_COMPLETE; 3 cells, 2 pending updates, due 2025-03-04',
    'AKIA is a prefix, and AKIASHORT is too short to be a key id',
    'the token bucket refilled; signature verified',
    '',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(redact(text)).toBe(text);
  });
});
