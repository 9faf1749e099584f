import type { S3Client } from '@aws-sdk/client-s3';
import { AppErrorException, appError } from '../errors/app-error';
import { type FetchLike, fetchTemplate } from './fetch-template';
import {
  type ImportedTemplate,
  type ImportSource,
  importSourceName,
  readImportedTemplate,
} from './import-source';
import { readS3Template } from './s3-template';

export interface ReadImportSourceDeps {
  readonly fetch?: FetchLike;
  readonly fetchTimeoutMs?: number;
  /** A client with the cell's credentials for a region; called with the address's region if it names one. */
  readonly s3ClientFor: (region: string) => S3Client;
  readonly cellRegion: string;
  readonly profile?: string;
}

/**
 * Reads an import from an https:// address or from S3 and checks it as a template. A web page
 * where a template was expected (a GitHub "blob" link, a sign-in page) gets its own message,
 * as that is the usual way a pasted link goes wrong.
 */
export async function readImportSource(
  source: ImportSource,
  deps: ReadImportSourceDeps,
): Promise<ImportedTemplate> {
  const name = importSourceName(source);
  if (source.kind === 's3') {
    const region = source.region ?? deps.cellRegion;
    const bytes = await readS3Template(source, {
      client: deps.s3ClientFor(region),
      region,
      ...(deps.profile === undefined ? {} : { profile: deps.profile }),
    });
    return readImportedTemplate(bytes, name);
  }
  const fetched = await fetchTemplate(source.url, {
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    ...(deps.fetchTimeoutMs === undefined ? {} : { timeoutMs: deps.fetchTimeoutMs }),
  });
  try {
    return readImportedTemplate(fetched.bytes, name);
  } catch (error) {
    const html = /\btext\/html\b/i.test(fetched.contentType ?? '');
    if (html && error instanceof AppErrorException && error.appError.code !== 'template-too-large') {
      throw appError(
        'not-a-template',
        `The address of ${name} leads to a web page, not to a template file.`,
        'Use the address of the raw file (on GitHub, the address behind the "Raw" button), or download it and import the file.',
      );
    }
    throw error;
  }
}
