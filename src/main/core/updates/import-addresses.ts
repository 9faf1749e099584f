import type { Cell } from '../../../shared/cells/cell';
import type { StackKind } from '../../../shared/cells/stack-report';
import type { AwsClientOptions, AwsClients } from '../aws/clients';
import { describeImportSource, parseImportSource } from '../templates/import-source';
import { type ReadImportSourceDeps, readImportSource } from '../templates/read-import-source';
import type { ImportTemplate } from './import-update';

/** An https:// or s3:// address offered for an import, with the stack the admin said it is for. */
export interface ImportAddress {
  readonly address: string;
  readonly kind?: StackKind | undefined;
}

export type ImportClientFactory = (options: Pick<AwsClientOptions, 'profile' | 'region'>) => AwsClients;

/**
 * Reads the addresses of an import, S3 with the cell's own credentials (in the address's region
 * when it names one), and closes the clients after. Throws an AppErrorException at the first
 * address that cannot be read, before anything is stored.
 */
export async function readImportAddresses(
  cell: Pick<Cell, 'profile' | 'region'>,
  addresses: readonly ImportAddress[],
  createClients: ImportClientFactory,
  deps: Pick<ReadImportSourceDeps, 'fetch' | 'fetchTimeoutMs'> = {},
): Promise<ImportTemplate[]> {
  const opened: AwsClients[] = [];
  const profile = cell.profile ? { profile: cell.profile } : {};
  try {
    const templates: ImportTemplate[] = [];
    for (const { address, kind } of addresses) {
      const source = parseImportSource(address);
      const template = await readImportSource(source, {
        ...deps,
        cellRegion: cell.region,
        ...profile,
        s3ClientFor: (region) => {
          const clients = createClients({ region, ...profile });
          opened.push(clients);
          return clients.s3;
        },
      });
      templates.push({ template, source: describeImportSource(source), ...(kind ? { kind } : {}) });
    }
    return templates;
  } finally {
    for (const clients of opened) clients.destroy();
  }
}
