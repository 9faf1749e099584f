import { type ParseArgsConfig, parseArgs } from 'node:util';
import { MAX_NOTICE_LENGTH } from '../../shared/app-status/app-status';
import { type MaintenancePlan, maintenancePlanSchema } from '../../shared/apply/maintenance';
import { cellDomainSchema, organizationIdSchema } from '../../shared/cells/cell';
import type { StackKind } from '../../shared/cells/stack-report';
import { updateIdSchema } from '../../shared/updates/pending-update';

export interface StatusCommand {
  readonly kind: 'status';
  readonly cell?: string;
  readonly profile?: string;
  readonly region?: string;
  /** The cell's Gitpod host, for an unsaved cell or instead of the saved cell's own. */
  readonly domain?: string;
  /** The Gitpod organization to read maintenance for. */
  readonly org?: string;
  readonly json: boolean;
}

export interface ImportCommand {
  readonly kind: 'import';
  readonly cell: string;
  /** A file path, an https:// address, or an s3:// address (or S3 https URL). */
  readonly role?: string;
  readonly instance?: string;
  /** YYYY-MM-DD; default: today. */
  readonly released?: string;
  readonly label?: string;
  readonly json: boolean;
}

export interface ApplyCommand {
  readonly kind: 'apply';
  /** A cell set up in the app; or `profile`/`region` for one that is not. */
  readonly cell?: string;
  readonly profile?: string;
  readonly region?: string;
  /** One pending update's id (as `status --json` lists them). */
  readonly update?: string;
  /** An ad-hoc template (file, https:// or s3://) for the stack of kind `stack`. */
  readonly template?: string;
  readonly stack?: StackKind;
  /** Acknowledge and execute without asking (for scripts); values still have to be known. */
  readonly yes: boolean;
  /** Gitpod maintenance around the run (a saved cell with a domain, GITPOD_TOKEN an owner's). */
  readonly maintenance?: MaintenancePlan;
}

export type CliCommand =
  | StatusCommand
  | ImportCommand
  | ApplyCommand
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: dedicated-admin <command> [options]

Commands:
  status    Show each cell's account, stacks, whether they can be updated,
            pending infrastructure updates with their deadlines, and the Gitpod
            version, health and maintenance at the cell's domain
  import    Import an infrastructure update Gitpod sent you (one or two templates)
  apply     Apply a cell's pending infrastructure update: the checks, the review of
            the change set, then its execution once you type the stack name

Options for status:
  --cell NAME        Only this cell (as set up in the app)
  --profile P        An AWS profile, for a cell not set up in the app (with --region)
  --region R         The AWS region (default: AWS_REGION, or the profile's region)
  --domain HOST      The cell's Gitpod address, e.g. gitpod.example.com (https only):
                     for a cell given by --profile/--region, or instead of the domain
                     the cell has in the app
  --org ID           The Gitpod organization to read maintenance for (default: the
                     only one the token sees)
  --json             One JSON object instead of a table

Options for import:
  --cell NAME        The cell the update is for (as set up in the app; required)
  --role FILE|URL    The role stack's template: a file, https:// or s3:// address
  --instance FILE|URL
                     The instance stack's template (give --role, --instance or both)
  --released DATE    The release date Gitpod stated, YYYY-MM-DD (default: today);
                     the update is due 14 days later
  --label TEXT       A name for the update, e.g. "Infrastructure Update v37"
  --json             The outcome as JSON

Options for apply:
  --cell NAME        The cell (as set up in the app), or:
  --profile P        An AWS profile, for a cell not set up in the app (with --region)
  --region R         The AWS region (default: AWS_REGION, or the profile's region)
  --update ID        Apply this pending update (default: the cell's update to apply,
                     the most urgent, all its stacks in order: role stack first)
  --template FILE|URL
                     Apply this template instead: a file, https:// or s3:// address
  --stack KIND       With --template: role or instance, the stack it is for
  --yes              Acknowledge IAM resources and execute without asking (needed when
                     stdin is not a terminal); never disables rollback
  --maintenance-notice TEXT
                     Show the cell's users this Gitpod maintenance notice from the start
                     of the run (needs the cell's domain and GITPOD_TOKEN, an owner's)
  --maintenance-mode Switch Gitpod maintenance mode on while the change sets execute;
                     whatever the run switches on, it switches off when it ends

  apply resumes the cell's unfinished run, if it has one (started here or in the app),
  and starts no other until it ends. It asks for new parameter values (secrets hidden),
  for the acknowledgement of IAM resources, and, after printing the review, for the
  stack name: anything else executes nothing. Exit codes: 0 updated or already up to
  date, 1 failed, rolled back or blocked (or paused: run it again to resume), 2 usage
  error, 3 cancelled by you.

  -h, --help         Show this help
  -v, --version      Show the version

AWS credentials come from your AWS config (profiles, SSO, credential_process) or the
environment, exactly as for the AWS CLI. AWS_ENDPOINT_URL is honoured. Only apply
changes a stack, and only after the checks, the review and your confirmation.

Maintenance status needs a Gitpod personal access token, read from GITPOD_TOKEN only
(never a flag: it would land in your shell history), and used for one cell at a time.`;

const COMMON = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** Each command's own flags: a flag of another command is refused, not silently ignored. */
const OPTIONS = {
  none: COMMON,
  status: {
    ...COMMON,
    cell: { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
    domain: { type: 'string' },
    org: { type: 'string' },
  },
  import: {
    ...COMMON,
    cell: { type: 'string' },
    role: { type: 'string' },
    instance: { type: 'string' },
    released: { type: 'string' },
    label: { type: 'string' },
  },
  apply: {
    help: COMMON.help,
    version: COMMON.version,
    cell: { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
    update: { type: 'string' },
    template: { type: 'string' },
    stack: { type: 'string' },
    yes: { type: 'boolean', default: false },
    'maintenance-notice': { type: 'string' },
    'maintenance-mode': { type: 'boolean', default: false },
  },
} as const;

type CommandName = keyof typeof OPTIONS;

function commandName(argv: readonly string[]): CommandName {
  const first = argv.find((arg) => !arg.startsWith('-'));
  if (first === undefined) return 'none';
  if (first === 'status' || first === 'import' || first === 'apply') return first;
  if (argv.includes('-h') || argv.includes('--help')) return 'none';
  throw new UsageError(`unknown command: ${first}`);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function domainOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = cellDomainSchema.safeParse(value);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'not a valid domain';
    throw new UsageError(`--domain takes the cell's https host, e.g. gitpod.example.com (${reason})`);
  }
  return parsed.data;
}

function orgOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!organizationIdSchema.safeParse(value).success) {
    throw new UsageError(
      '--org takes a Gitpod organization ID, a UUID such as 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    );
  }
  return value.toLowerCase();
}

function statusCommand(values: Record<string, unknown>): StatusCommand {
  const cell = str(values.cell);
  const profile = str(values.profile);
  const region = str(values.region);
  if (cell && (profile || region)) {
    throw new UsageError('use either --cell, or --profile and --region, not both');
  }
  const domain = domainOption(str(values.domain));
  const org = orgOption(str(values.org));
  return {
    kind: 'status',
    json: values.json === true,
    ...(cell ? { cell } : {}),
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(domain ? { domain } : {}),
    ...(org ? { org } : {}),
  };
}

/** A flag that would carry a secret: refused by name, before anything could echo its value. */
function refuseSecretFlags(argv: readonly string[]): void {
  if (argv.some((arg) => arg === '--token' || arg.startsWith('--token='))) {
    throw new UsageError(
      '--token is not accepted: a token given on the command line lands in your shell history and in the process list. Set GITPOD_TOKEN in the environment instead.',
    );
  }
}

function importCommand(values: Record<string, unknown>): ImportCommand {
  const cell = str(values.cell);
  if (!cell) throw new UsageError('import needs --cell NAME');
  const role = str(values.role);
  const instance = str(values.instance);
  if (!role && !instance) throw new UsageError('import needs --role FILE|URL, --instance FILE|URL, or both');
  const released = str(values.released);
  if (released !== undefined && !isCalendarDate(released)) {
    throw new UsageError(`--released takes a date as YYYY-MM-DD, not "${released}"`);
  }
  const label = str(values.label)?.trim();
  if (label !== undefined && (label === '' || label.length > 200)) {
    throw new UsageError('--label takes 1 to 200 characters');
  }
  return {
    kind: 'import',
    cell,
    json: values.json === true,
    ...(role ? { role } : {}),
    ...(instance ? { instance } : {}),
    ...(released ? { released } : {}),
    ...(label ? { label } : {}),
  };
}

function applyCommand(values: Record<string, unknown>): ApplyCommand {
  const cell = str(values.cell);
  const profile = str(values.profile);
  const region = str(values.region);
  if (cell && (profile || region)) {
    throw new UsageError('use either --cell, or --profile and --region, not both');
  }
  if (!cell && !profile && !region) {
    // Never a guess: an apply names the cell it changes.
    throw new UsageError('apply needs --cell NAME, or --profile P and --region R');
  }
  const update = str(values.update);
  if (update !== undefined && !updateIdSchema.safeParse(update).success) {
    throw new UsageError(`--update takes a pending update's id, as status --json lists it, not "${update}"`);
  }
  const template = str(values.template);
  const stack = str(values.stack);
  if (update && template) throw new UsageError('use either --update or --template, not both');
  if (template && stack === undefined) {
    throw new UsageError('--template needs --stack role or --stack instance: the stack it is for');
  }
  if (stack !== undefined && !template) throw new UsageError('--stack goes with --template FILE|URL');
  if (stack !== undefined && stack !== 'role' && stack !== 'instance') {
    throw new UsageError(`--stack takes role or instance, not "${stack}"`);
  }
  const notice = str(values['maintenance-notice']);
  const mode = values['maintenance-mode'] === true;
  let maintenance: MaintenancePlan | undefined;
  if (notice !== undefined || mode) {
    if (!cell)
      throw new UsageError(
        '--maintenance-notice and --maintenance-mode need --cell NAME: a cell with its domain',
      );
    const plan = maintenancePlanSchema.safeParse({ notice: notice ?? null, mode });
    if (!plan.success) {
      throw new UsageError(
        `--maintenance-notice takes the text users see (1 to ${MAX_NOTICE_LENGTH} characters)`,
      );
    }
    maintenance = plan.data;
  }
  return {
    kind: 'apply',
    yes: values.yes === true,
    ...(maintenance ? { maintenance } : {}),
    ...(cell ? { cell } : {}),
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(update ? { update } : {}),
    ...(template ? { template } : {}),
    ...(stack === 'role' || stack === 'instance' ? { stack } : {}),
  };
}

/** Parses argv (without node and the script). Tokens or secrets are never accepted as flags. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  refuseSecretFlags(argv);
  const name = commandName(argv);
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    const options: ParseArgsConfig['options'] = OPTIONS[name];
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [, ...rest] = positionals;
  if (name === 'none') return { kind: 'help' };
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  if (name === 'status') return statusCommand(values);
  return name === 'import' ? importCommand(values) : applyCommand(values);
}
