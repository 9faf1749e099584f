import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates';
import type { AppError } from '../../../shared/errors';
import { AppErrorException } from '../errors/app-error';
import { sha256Hex } from './canonical';
import {
  describeImportSource,
  type ImportSource,
  importSourceName,
  isImportAddress,
  parseImportSource,
  readImportedTemplate,
} from './import-source';

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError;
    throw error;
  }
  throw new Error('expected an AppErrorException');
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('main/core/templates/import-source', () => {
  describe('parseImportSource', () => {
    it('reads s3://bucket/key, keeping the key as written', () => {
      expect(parseImportSource(' s3://gitpod-updates/v37/role template+1.yaml ')).toEqual({
        kind: 's3',
        bucket: 'gitpod-updates',
        key: 'v37/role template+1.yaml',
      });
    });

    it('reads virtual-hosted S3 URLs with and without a region', () => {
      expect(parseImportSource('https://gitpod-updates.s3.eu-west-1.amazonaws.com/v37/role.yaml')).toEqual({
        kind: 's3',
        bucket: 'gitpod-updates',
        key: 'v37/role.yaml',
        region: 'eu-west-1',
      });
      expect(parseImportSource('https://gitpod-updates.s3.amazonaws.com/v37/role.yaml')).toEqual({
        kind: 's3',
        bucket: 'gitpod-updates',
        key: 'v37/role.yaml',
      });
    });

    it('reads path-style S3 URLs', () => {
      expect(
        parseImportSource('https://s3.us-east-2.amazonaws.com/gitpod-updates/v37/instance.json'),
      ).toEqual({
        kind: 's3',
        bucket: 'gitpod-updates',
        key: 'v37/instance.json',
        region: 'us-east-2',
      });
      expect(parseImportSource('https://s3.amazonaws.com/gitpod-updates/instance.json')).toEqual({
        kind: 's3',
        bucket: 'gitpod-updates',
        key: 'instance.json',
      });
    });

    it('reads the older dash, dualstack and China forms, and dotted bucket names', () => {
      expect(parseImportSource('https://bk1.s3-eu-central-1.amazonaws.com/k')).toMatchObject({
        bucket: 'bk1',
        region: 'eu-central-1',
      });
      expect(parseImportSource('https://bk1.s3.dualstack.ap-south-1.amazonaws.com/k')).toMatchObject({
        region: 'ap-south-1',
      });
      expect(parseImportSource('https://bk1.s3.cn-north-1.amazonaws.com.cn/k')).toMatchObject({
        region: 'cn-north-1',
      });
      expect(parseImportSource('https://my.updates.s3.eu-west-1.amazonaws.com/k')).toMatchObject({
        bucket: 'my.updates',
      });
    });

    it('decodes S3 object URLs as S3 does: percent-escapes, and "+" as a space', () => {
      expect(
        parseImportSource('https://bk1.s3.eu-west-1.amazonaws.com/v37/role+template%2B%C3%A9.yaml'),
      ).toMatchObject({
        key: 'v37/role template+é.yaml',
      });
    });

    it('keeps an S3 object version', () => {
      expect(
        parseImportSource('https://bk1.s3.eu-west-1.amazonaws.com/k.yaml?versionId=abc123'),
      ).toMatchObject({
        kind: 's3',
        key: 'k.yaml',
        versionId: 'abc123',
      });
    });

    it('downloads presigned S3 links as they are, since they carry their own permission', () => {
      const link =
        'https://bk1.s3.eu-west-1.amazonaws.com/k.yaml?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc';
      expect(parseImportSource(link)).toEqual({ kind: 'https', url: link });
    });

    it('classifies other https addresses as downloads', () => {
      expect(parseImportSource('https://updates.gitpod.io/dedicated/v37/role.yaml')).toEqual({
        kind: 'https',
        url: 'https://updates.gitpod.io/dedicated/v37/role.yaml',
      });
      expect(parseImportSource('https://abc.execute-api.eu-west-1.amazonaws.com/role.yaml').kind).toBe(
        'https',
      );
      expect(parseImportSource('https://ap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com/k').kind).toBe(
        'https',
      );
    });

    it('refuses http:// with a reason and the fix', () => {
      const error = failure(() => parseImportSource('http://updates.example.com/role.yaml'));
      expect(error.code).toBe('import-insecure-url');
      expect(error.message).toMatch(/plain http:\/\/, which is refused/);
      expect(error.nextStep).toMatch(/https:\/\//);
    });

    it('refuses what is not an address, a bucket without a key, and other schemes', () => {
      for (const input of ['', 'role.yaml', 's3://bucket-only', 's3://b/', 'ftp://x/y.yaml', 's3://a/k']) {
        const error = failure(() => parseImportSource(input));
        expect(error.code, input).toBe('import-source-invalid');
        expect(error.nextStep).toMatch(/s3:\/\/bucket\/key/);
      }
      expect(failure(() => parseImportSource('https://bk1.s3.amazonaws.com/')).message).toMatch(/not a file/);
      expect(failure(() => parseImportSource('https://bk1.s3.amazonaws.com/%E0%A4%A')).message).toMatch(
        /percent-encoded/,
      );
    });

    it('refuses addresses with a password, which would otherwise be stored', () => {
      const error = failure(() => parseImportSource('https://user:secret@example.com/role.yaml'));
      expect(error.code).toBe('import-source-invalid');
      expect(error.message).not.toContain('secret');
    });
  });

  describe('isImportAddress', () => {
    it('tells addresses from file paths, refusing nothing itself', () => {
      for (const address of ['s3://b/k', 'https://x/y.yaml', ' HTTP://x/y.yaml', 'ftp://x/y']) {
        expect(isImportAddress(address), address).toBe(true);
      }
      for (const path of [
        'role.yaml',
        './v37/role.yaml',
        '/home/a/role.yaml',
        'C:\\updates\\role.yaml',
        'C:/u/r.yaml',
      ]) {
        expect(isImportAddress(path), path).toBe(false);
      }
    });
  });

  describe('describeImportSource and importSourceName', () => {
    it('never shows a presigned link’s query', () => {
      const source: ImportSource = {
        kind: 'https',
        url: 'https://bk1.s3.amazonaws.com/v37/role.yaml?X-Amz-Credential=AKIA&X-Amz-Signature=abc',
      };
      expect(describeImportSource(source)).toBe('https://bk1.s3.amazonaws.com/v37/role.yaml');
      expect(importSourceName(source)).toBe('role.yaml');
    });

    it('shows S3 objects as s3:// addresses, with their version', () => {
      const source: ImportSource = { kind: 's3', bucket: 'bk1', key: 'v37/instance.json', versionId: 'v9' };
      expect(describeImportSource(source)).toBe('s3://bk1/v37/instance.json (version v9)');
      expect(importSourceName(source)).toBe('instance.json');
    });
  });

  describe('readImportedTemplate', () => {
    it('reads both fixtures in both formats, recognising each and hashing the raw bytes', () => {
      for (const [name, kind, format] of [
        ['role.json', 'role', 'json'],
        ['role.yaml', 'role', 'yaml'],
        ['instance.json', 'instance', 'json'],
        ['instance.yaml', 'instance', 'yaml'],
      ] as const) {
        const text = loadFixture(name);
        const imported = readImportedTemplate(bytes(text), name);
        expect(imported.recognition.kind, name).toBe(kind);
        expect(imported.format).toBe(format);
        expect(imported.sha256).toBe(sha256Hex(text));
        expect(imported.text).toBe(text);
      }
    });

    it('gives the JSON and YAML of one template the same fingerprint', () => {
      const json = readImportedTemplate(bytes(loadFixture('instance.json')), 'instance.json');
      const yaml = readImportedTemplate(bytes(loadFixture('instance.yaml')), 'instance.yaml');
      expect(json.fingerprint).toBe(yaml.fingerprint);
      expect(json.sha256).not.toBe(yaml.sha256);
    });

    it('says whether the template fits inline or needs S3', () => {
      expect(readImportedTemplate(bytes(loadFixture('role.yaml')), 'r').size.delivery).toBe('inline');
      expect(readImportedTemplate(bytes(loadFixture('instance.json')), 'i').size.delivery).toBe('s3');
    });

    it('drops a UTF-8 byte-order mark but hashes the file as it is', () => {
      const raw = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(loadFixture('role.json'))]);
      const imported = readImportedTemplate(raw, 'role.json');
      expect(imported.format).toBe('json');
      expect(imported.sha256).toBe(sha256Hex(raw));
    });

    it('refuses a file over 1 MB before reading it', () => {
      const big = new Uint8Array(1_048_577).fill(0x20);
      const error = failure(() => readImportedTemplate(big, 'huge.yaml'));
      expect(error.code).toBe('template-too-large');
      expect(error.message).toMatch(/^huge\.yaml is too large: The template is 1\.00 MB/);
    });

    it('refuses unparsable JSON and YAML, naming the file and the problem', () => {
      const json = failure(() => readImportedTemplate(bytes('{"Resources": {'), 'role.json'));
      expect(json).toMatchObject({ code: 'template-unreadable' });
      expect(json.message).toMatch(/^role\.json cannot be read: not valid JSON/);
      const yaml = failure(() => readImportedTemplate(bytes('Resources:\n  a: [b\n'), 'role.yaml'));
      expect(yaml.message).toMatch(/^role\.yaml cannot be read: not valid YAML/);
      expect(yaml.nextStep).toMatch(/download cut short/);
    });

    it('refuses binary files', () => {
      const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x81]);
      expect(failure(() => readImportedTemplate(zip, 'update.zip'))).toMatchObject({
        code: 'template-unreadable',
        message: expect.stringMatching(/not a text file/),
      });
    });

    it('refuses files that are not CloudFormation templates, saying what is missing', () => {
      const cases: Array<[string, RegExp]> = [
        ['', /the file is empty/],
        ['services:\n  web:\n    image: nginx\n', /no Resources section/],
        ['- a\n- b\n', /must be an object/],
        ['Resources: [a, b]\n', /not a mapping/],
        ['Resources: {}\n', /Resources section is empty/],
        ['Resources:\n  Bucket:\n    Properties: {}\n', /resource "Bucket" has no Type/],
        ['Resources:\n  Bucket: null\n', /resource "Bucket" has no Type/],
      ];
      for (const [text, why] of cases) {
        const error = failure(() => readImportedTemplate(bytes(text), 'x.yaml'));
        expect(error.code, text).toBe('not-a-template');
        expect(error.message).toMatch(/^x\.yaml is not a CloudFormation template: /);
        expect(error.message).toMatch(why);
        expect(error.nextStep).toMatch(/Resources section/);
      }
    });
  });
});
