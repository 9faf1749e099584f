import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates';
import { AppErrorException } from '../errors/app-error';
import type { FetchLike } from './fetch-template';
import { parseImportSource } from './import-source';
import { readImportSource } from './read-import-source';

describe('main/core/templates/read-import-source', () => {
  const s3Mock = mockClient(S3Client);
  let regionsAsked: string[];
  let clients: S3Client[];

  const s3ClientFor = (region: string): S3Client => {
    regionsAsked.push(region);
    const client = new S3Client({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 's' } });
    clients.push(client);
    return client;
  };

  const serving =
    (text: string, contentType: string): FetchLike =>
    () =>
      Promise.resolve(new Response(text, { status: 200, headers: { 'content-type': contentType } }));

  beforeEach(() => {
    s3Mock.reset();
    regionsAsked = [];
    clients = [];
  });

  afterEach(() => {
    for (const client of clients) client.destroy();
  });

  it('reads an S3 template in the region its address names', async () => {
    const text = loadFixture('role.json');
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: Readable.from([Buffer.from(text)]) as unknown as GetObjectCommandOutput['Body'] });
    const imported = await readImportSource(
      parseImportSource('https://gitpod-updates.s3.us-east-2.amazonaws.com/v37/role.json'),
      { s3ClientFor, cellRegion: 'eu-west-1', profile: 'prod' },
    );
    expect(regionsAsked).toEqual(['us-east-2']);
    expect(imported).toMatchObject({ name: 'role.json', format: 'json', recognition: { kind: 'role' } });
  });

  it("reads an s3:// template in the cell's region", async () => {
    const text = loadFixture('instance.yaml');
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: Readable.from([Buffer.from(text)]) as unknown as GetObjectCommandOutput['Body'] });
    const imported = await readImportSource(parseImportSource('s3://gitpod-updates/v37/instance.yaml'), {
      s3ClientFor,
      cellRegion: 'eu-west-1',
    });
    expect(regionsAsked).toEqual(['eu-west-1']);
    expect(imported.recognition.kind).toBe('instance');
  });

  it('downloads an https template', async () => {
    const imported = await readImportSource(parseImportSource('https://updates.example.com/v37/role.yaml'), {
      fetch: serving(loadFixture('role.yaml'), 'application/x-yaml'),
      s3ClientFor,
      cellRegion: 'eu-west-1',
    });
    expect(imported).toMatchObject({ name: 'role.yaml', format: 'yaml', recognition: { kind: 'role' } });
    expect(regionsAsked).toEqual([]);
  });

  it('says so when a link leads to a web page instead of the template file', async () => {
    const page = '<!DOCTYPE html>\n<html><head><title>role.yaml · GitHub</title></head><body>…</body></html>';
    const reading = readImportSource(
      parseImportSource('https://github.com/acme/updates/blob/main/role.yaml'),
      {
        fetch: serving(page, 'text/html; charset=utf-8'),
        s3ClientFor,
        cellRegion: 'eu-west-1',
      },
    );
    await expect(reading).rejects.toBeInstanceOf(AppErrorException);
    await expect(reading).rejects.toMatchObject({
      appError: {
        code: 'not-a-template',
        message: 'The address of role.yaml leads to a web page, not to a template file.',
        nextStep: expect.stringMatching(/"Raw" button/),
      },
    });
  });
});
