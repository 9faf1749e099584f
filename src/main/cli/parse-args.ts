import { parseArgs } from 'node:util';

export type CliCommand =
  | { kind: 'status'; cell?: string; profile?: string; region?: string; json: boolean }
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: dedicated-admin <command> [options]

Commands:
  status    Show each cell's account, stacks, whether they can be updated, and
            pending infrastructure updates with their deadlines

Options for status:
  --cell NAME        Only this cell (as set up in the app)
  --profile P        An AWS profile, for a cell not set up in the app (with --region)
  --region R         The AWS region (default: AWS_REGION, or the profile's region)
  --json             One JSON object instead of a table

  -h, --help         Show this help
  -v, --version      Show the version

AWS credentials come from your AWS config (profiles, SSO, credential_process) or the
environment, exactly as for the AWS CLI. AWS_ENDPOINT_URL is honoured.`;

/** Parses argv (without node and the script). Tokens or secrets are never accepted as flags. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        cell: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  if (command !== 'status') throw new UsageError(`unknown command: ${command}`);
  const str = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const cell = str(values.cell);
  const profile = str(values.profile);
  const region = str(values.region);
  if (cell && (profile || region)) {
    throw new UsageError('use either --cell, or --profile and --region, not both');
  }
  return {
    kind: 'status',
    json: values.json === true,
    ...(cell ? { cell } : {}),
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
  };
}
